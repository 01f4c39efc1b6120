using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Orders.Features.Orders;

internal static class OrderErrors
{
    public static readonly Error NotFound = Error.NotFound("orders.not_found", "No order has this id.");

    public static readonly Error Mismatch = Error.Conflict("orders.order_mismatch", "An order with this id exists for another user or payment.");
}
