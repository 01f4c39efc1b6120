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
    public sealed record Query(int Page, int PageSize) : IPagedQuery, IRequest<Result<PagedResult<OrderDetails>>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.ValidatePaging();
    }

    internal sealed class Handler(OrdersDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, Result<PagedResult<OrderDetails>>>
    {
        public async Task<Result<PagedResult<OrderDetails>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId!.Value;
            return await db.Orders.Where(o => o.UserId == userId).PageAsync(query, cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet(OrderReads.OrdersPath, async (IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                    (await mediator.Send(new Query(page, pageSize), ct)).ToOk())
                .RequireUser()
                .WithName("Orders.ListMyOrders")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("List my orders")
                .WithDescription("The signed-in user's orders, newest first, paged (`page` ≥ 1, `pageSize` 1–100).")
                .Produces<PagedResult<OrderDetails>>()
                .ProducesValidationProblem();
    }
}
