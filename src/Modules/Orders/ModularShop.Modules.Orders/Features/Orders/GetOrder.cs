using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Orders.Persistence;

namespace ModularShop.Modules.Orders.Features.Orders;

public static class GetOrder
{
    public sealed record Query(Guid Id) : IRequest<Result<OrderDetails>>;

    internal sealed class Handler(OrdersDbContext db) : IRequestHandler<Query, Result<OrderDetails>>
    {
        public Task<Result<OrderDetails>> Handle(Query query, CancellationToken cancellationToken) =>
            db.OneAsync(query.Id, null, cancellationToken);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet($"{OrderReads.AdminOrdersPath}/{{id:guid}}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Query(id), ct)).ToOk(o => o.Version))
                .RequireAdmin()
                .WithName("Orders.GetOrder")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("Get any order (admin)")
                .WithDescription("Any user's order, with its items, payment and history; 404 for an unknown id.")
                .Produces<OrderDetails>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
