using System.Text.Json.Serialization;
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
    public sealed record Query(Guid Id) : IRequest<Result<OrderDetails>>
    {
        /// <summary>Who acts (set by the endpoint from the token, or by the contract caller; never from the body).</summary>
        [JsonIgnore]
        public Guid UserId { get; init; }
    }

    internal sealed class Handler(OrdersDbContext db) : IRequestHandler<Query, Result<OrderDetails>>
    {
        public Task<Result<OrderDetails>> Handle(Query query, CancellationToken cancellationToken) =>
            db.OneAsync(query.Id, query.UserId, cancellationToken);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet($"{OrderReads.OrdersPath}/{{id:guid}}", async (Guid id, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                    (await mediator.Send(new Query(id) { UserId = user.UserId!.Value }, ct)).ToOk(o => o.Version))
                .RequireUser()
                .WithName("Orders.GetMyOrder")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("Get one of my orders")
                .WithDescription("One of the signed-in user's orders, with its items, payment and history. Another user's order, or an unknown id, is 404.")
                .Produces<OrderDetails>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
