using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Payments.Contracts;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// Orders for the fuzz to aim at (<c>/api/orders/{id}</c>, <c>/api/admin/orders/{id}/…</c>): placed as checkout places them,
/// in-process — one unit of the shelf variant reserved, charged with the approving test card, then
/// <see cref="IOrdersApi.PlaceAsync"/>: a <c>Paid</c> order of the given user.
/// </summary>
internal static class FuzzOrders
{
    public static async Task<Guid> PlaceAsync(IServiceProvider services, Guid userId, Guid productId, Guid variantId)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var orderId = Guid.NewGuid();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        var reserved = await provider.GetRequiredService<ICatalogApi>()
            .ReserveAsync(orderId, [new StockReservationLine(productId, variantId, 1)], now.AddHours(1));
        if (!reserved.IsSuccess || reserved.Value.Status != StockReservationStatus.Reserved)
        {
            throw new InvalidOperationException($"Seeding the fuzz failed: no stock reserved for an order ({reserved.Error?.Message}).");
        }

        var price = Money.Of(10m, "USD");
        var payment = await provider.GetRequiredService<IPaymentsApi>().ChargeAsync(new PaymentRequest(
            orderId, orderId, userId, "test-card", price,
            new Dictionary<string, string?> { ["cardNumber"] = "4242424242424242", ["expiry"] = "12/30", ["cvc"] = "123" }));
        if (!payment.IsSuccess)
        {
            throw new InvalidOperationException($"Seeding the fuzz failed: the order's payment was refused ({payment.Error.Message}).");
        }

        var address = new OrderAddress("Ada Lovelace", "1 Main Street", null, "London", null, "N1 1AA", "GB", null);
        var p = payment.Value;
        var placed = await provider.GetRequiredService<IOrdersApi>().PlaceAsync(new PlaceOrder(
            orderId, userId, orderId,
            [new OrderLine(productId, variantId, "FUZZ-ORDER", "Fuzz product", "M", price, 1, price)],
            price, Money.Zero("USD"), Money.Zero("USD"), price, address, address, "standard",
            new OrderPayment(p.Id, p.Provider, p.MethodDisplay ?? "card", p.Status.ToString(), p.NextAction?.Type, p.NextAction?.Url, p.Version),
            null));
        return placed.IsSuccess ? placed.Value.Id : throw new InvalidOperationException($"Seeding the fuzz failed: {placed.Error.Message}");
    }
}
