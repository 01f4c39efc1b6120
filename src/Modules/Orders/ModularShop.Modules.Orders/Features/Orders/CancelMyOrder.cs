using System.Text.Json.Serialization;
using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Orders.Persistence;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>
/// The owner cancels an order that is awaiting its payment or paid: the state change and the durable follow-ups (cancel
/// the payment — void or refund —, release the stock) commit together; then the follow-ups run inline so the answer
/// already shows them. Their scheduled twins find nothing left to do (or finish the job after a crash).
/// </summary>
public static class CancelMyOrder
{
    public const string Reason = "cancelled_by_customer";

    public sealed record Command(Guid Id) : IRequest<Result<OrderDetails>>
    {
        /// <summary>Who acts (set by the endpoint from the token, or by the contract caller; never from the body).</summary>
        [JsonIgnore]
        public Guid UserId { get; init; }
    }

    internal sealed class Handler(
        OrdersDbContext db, OrderStore store, OrderStock stock, OrderPayments payments, ILogger<Handler> logger)
        : IRequestHandler<Command, Result<OrderDetails>>
    {
        public async Task<Result<OrderDetails>> Handle(Command command, CancellationToken cancellationToken)
        {
            var changed = await store.ChangeAsync(command.Id, command.UserId, (order, now) =>
            {
                var result = order.Cancel(Reason, now);
                if (result.IsSuccess)
                {
                    store.Cancelled(order, Reason, now);
                }

                return result;
            }, cancellationToken);
            if (!changed.IsSuccess)
            {
                return changed.Error;
            }

            await Inline.TryAsync(logger, command.Id, () => payments.CancelAsync(command.Id, Reason, CancellationToken.None));
            await Inline.TryAsync(logger, command.Id, () => stock.ReleaseAsync(command.Id, CancellationToken.None));
            return await db.OneAsync(command.Id, null, cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost($"{OrderReads.OrdersPath}/{{id:guid}}/cancel", async (Guid id, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                    (await mediator.Send(new Command(id) { UserId = user.UserId!.Value }, ct)).ToOk(o => o.Version))
                .RequireUser()
                .WithName("Orders.CancelMyOrder")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("Cancel one of my orders")
                .WithDescription(
                    "Cancels the signed-in user's order while it is `AwaitingPayment` or `Paid` (history reason " +
                    "`cancelled_by_customer`): the payment is voided (not yet captured) or refunded (captured), and the " +
                    "units go back to stock. Any other status is 409 `orders.invalid_transition`; another user's order is 404. " +
                    "No body. Repeating it on a cancelled order is 409.")
                .Produces<OrderDetails>()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
