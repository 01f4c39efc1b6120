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
using ModularShop.Modules.Orders.Domain;
using ModularShop.Modules.Orders.Persistence;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>Every order, for the shop's staff, optionally of one status, newest first.</summary>
public static class ListOrders
{
    private static readonly string[] Statuses = Enum.GetNames<OrderStatus>();

    public sealed record Query(string? Status, int Page, int PageSize) : IPagedQuery, IRequest<Result<PagedResult<OrderDetails>>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.ValidatePaging();
            RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s, StringComparer.Ordinal))
                .WithMessage($"Must be one of: {string.Join(", ", Statuses)}.");
        }
    }

    internal sealed class Handler(OrdersDbContext db) : IRequestHandler<Query, Result<PagedResult<OrderDetails>>>
    {
        public async Task<Result<PagedResult<OrderDetails>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var orders = db.Orders.AsQueryable();
            if (query.Status is not null)
            {
                var status = Enum.Parse<OrderStatus>(query.Status);
                orders = orders.Where(o => o.Status == status);
            }

            return await orders.PageAsync(query, cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet(OrderReads.AdminOrdersPath, async (
                    IMediator mediator, CancellationToken ct, string? status = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                    (await mediator.Send(new Query(status, page, pageSize), ct)).ToOk())
                .RequireAdmin()
                .WithName("Orders.ListOrders")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("List all orders (admin)")
                .WithDescription(
                    "Every user's orders, newest first, paged. `status` (optional): `AwaitingPayment`, `Paid`, `Shipped`, " +
                    "`Delivered`, `Cancelled` or `Refunded`; any other value is 400 naming `status`.")
                .Produces<PagedResult<OrderDetails>>()
                .ProducesValidationProblem();
    }
}
