using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Orders.Contracts;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>The order left the warehouse: <c>Paid → Shipped</c>.</summary>
public static class ShipOrder
{
    public sealed record Command(Guid Id) : IRequest<Result<OrderDetails>>;

    internal sealed class Handler(OrderStore store) : IRequestHandler<Command, Result<OrderDetails>>
    {
        public async Task<Result<OrderDetails>> Handle(Command command, CancellationToken cancellationToken)
        {
            var changed = await store.ChangeAsync(command.Id, null, (order, now) =>
            {
                var result = order.Ship(now);
                if (result.IsSuccess)
                {
                    store.Publish(OrderEvents.Shipped(order, now));
                }

                return result;
            }, cancellationToken);
            return changed.IsSuccess ? OrderResponse.From(changed.Value) : changed.Error;
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost($"{OrderReads.AdminOrdersPath}/{{id:guid}}/ship", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Command(id), ct)).ToOk(o => o.Version))
                .RequireAdmin()
                .WithName("Orders.ShipOrder")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("Mark an order shipped (admin)")
                .WithDescription("`Paid` → `Shipped`; no body. Any other status is 409 `orders.invalid_transition`; an unknown order 404.")
                .Produces<OrderDetails>()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
