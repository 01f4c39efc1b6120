using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Orders.Domain;
using ModularShop.Modules.Orders.Persistence;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>Reads of orders as the API shows them (no tracking; newest first).</summary>
internal static class OrderReads
{
    public const string OrdersPath = "/api/orders";
    public const string AdminOrdersPath = "/api/admin/orders";

    public static async Task<PagedResult<OrderDetails>> PageAsync(this IQueryable<Order> orders, IPagedQuery paging, CancellationToken cancellationToken)
    {
        var page = await orders.AsNoTracking()
            .Include(o => o.Items).Include(o => o.History).AsSplitQuery()
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .ToPagedResultAsync(paging, cancellationToken);
        return new PagedResult<OrderDetails>([.. page.Items.Select(OrderResponse.From)], page.Page, page.PageSize, page.TotalCount, page.TotalPages);
    }

    /// <summary>The order (only <paramref name="ownerId"/>'s when given: another user's is not found).</summary>
    public static async Task<Result<OrderDetails>> OneAsync(this OrdersDbContext db, Guid orderId, Guid? ownerId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Items).Include(o => o.History).AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        return order is null || (ownerId is not null && order.UserId != ownerId) ? OrderErrors.NotFound : OrderResponse.From(order);
    }
}
