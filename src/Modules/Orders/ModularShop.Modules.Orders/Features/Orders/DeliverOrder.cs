using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Orders.Contracts;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>The order reached its customer: <c>Shipped → Delivered</c>.</summary>
public static class DeliverOrder
{
    public sealed record Command(Guid Id) : IRequest<Result<OrderDetails>>;

    internal sealed class Handler(OrderStore store) : IRequestHandler<Command, Result<OrderDetails>>
    {
        public async Task<Result<OrderDetails>> Handle(Command command, CancellationToken cancellationToken)
        {
            var changed = await store.ChangeAsync(command.Id, null, (order, now) => order.Deliver(now), cancellationToken);
            return changed.IsSuccess ? OrderResponse.From(changed.Value) : changed.Error;
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost($"{OrderReads.AdminOrdersPath}/{{id:guid}}/deliver", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Command(id), ct)).ToOk(o => o.Version))
                .RequireAdmin()
                .WithName("Orders.DeliverOrder")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("Mark an order delivered (admin)")
                .WithDescription("`Shipped` → `Delivered`; no body. Any other status is 409 `orders.invalid_transition`; an unknown order 404.")
                .Produces<OrderDetails>()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
