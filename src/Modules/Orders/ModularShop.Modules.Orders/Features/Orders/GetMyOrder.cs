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

public static class GetMyOrder
{
    public sealed record Query(Guid Id) : IRequest<Result<OrderDetails>>;

    internal sealed class Handler(OrdersDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, Result<OrderDetails>>
    {
        public Task<Result<OrderDetails>> Handle(Query query, CancellationToken cancellationToken) =>
            db.OneAsync(query.Id, currentUser.UserId!.Value, cancellationToken);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet($"{OrderReads.OrdersPath}/{{id:guid}}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Query(id), ct)).ToOk(o => o.Version))
                .RequireUser()
                .WithName("Orders.GetMyOrder")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("Get one of my orders")
                .WithDescription("One of the signed-in user's orders, with its items, payment and history. Another user's order, or an unknown id, is 404.")
                .Produces<OrderDetails>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
