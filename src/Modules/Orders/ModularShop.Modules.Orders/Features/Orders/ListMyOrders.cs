using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Orders.Persistence;

namespace ModularShop.Modules.Orders.Features.Orders;

public static class ListMyOrders
{
    public sealed record Query(int Page, int PageSize) : IPagedQuery, IRequest<Result<PagedResult<OrderDetails>>>
    {
        /// <summary>Who acts (set by the endpoint from the token, or by the contract caller; never from the body).</summary>
        [JsonIgnore]
        public Guid UserId { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.ValidatePaging();
    }

    internal sealed class Handler(OrdersDbContext db) : IRequestHandler<Query, Result<PagedResult<OrderDetails>>>
    {
        public async Task<Result<PagedResult<OrderDetails>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = query.UserId;
            return await db.Orders.Where(o => o.UserId == userId).PageAsync(query, cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet(OrderReads.OrdersPath, async (IMediator mediator, ICurrentUser user, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                    (await mediator.Send(new Query(page, pageSize) { UserId = user.UserId!.Value }, ct)).ToOk())
                .RequireUser()
                .WithName("Orders.ListMyOrders")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("List my orders")
                .WithDescription("The signed-in user's orders, newest first, paged (`page` ≥ 1, `pageSize` 1–100).")
                .Produces<PagedResult<OrderDetails>>()
                .ProducesValidationProblem();
    }
}
