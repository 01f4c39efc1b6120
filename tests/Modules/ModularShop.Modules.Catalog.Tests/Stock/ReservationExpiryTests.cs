using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Tests.Http;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Stock;

/// <summary>A host on a clock the test moves, whose database outlives it (for a restart).</summary>
public sealed class FakeClockFactory : ShopFactory
{
    public FakeClockFactory()
    {
        UseFakeClock();
        KeepDatabase = true;
    }
}

/// <summary>A second host on the database of an earlier one (a restart), on a clock of its own; drops the database when disposed.</summary>
public sealed class RestartedFakeClockFactory : ShopFactory
{
    public RestartedFakeClockFactory(string database)
        : base(new Dictionary<string, string?>(), database) => UseFakeClock();
}

/// <summary>Unconfirmed reservations go back to stock at their expiry, by a durable timer: also after the host restarted.</summary>
public sealed class ReservationExpiryTests
{
    [Fact]
    public async Task An_expired_reservation_is_released_after_a_host_restart_and_a_confirmed_one_is_not()
    {
        string database;
        Guid productId, variantId;
        StockReservation expiring, confirmed;
        await using (var before = new FakeClockFactory())
        {
            await before.InitializeAsync();
            var catalog = new CatalogDriver(before);
            var category = await catalog.CreateCategoryAsync();
            var product = await catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 10)]));
            (productId, variantId) = (product.Id, product.Variants[0].Id);
            var expiresAt = before.Clock.GetUtcNow().AddMinutes(15);

            expiring = (await before.ReserveAsync(Guid.NewGuid(), expiresAt, new StockReservationLine(productId, variantId, 3))).Reserved();
            confirmed = (await before.ReserveAsync(Guid.NewGuid(), expiresAt, new StockReservationLine(productId, variantId, 2))).Reserved();
            (await before.CatalogAsync(api => api.ConfirmAsync(confirmed.Id, StockTestHelpers.Ct))).IsSuccess.ShouldBeTrue();
            (await before.StockAsync(productId, variantId)).ShouldBe(5);
            database = before.DatabaseName;
        }

        // The host is down when the reservation expires; it comes back 16 minutes later (on its clock).
        await using var after = new RestartedFakeClockFactory(database);
        await after.InitializeAsync();
        (await after.StockAsync(productId, variantId)).ShouldBe(5, "nothing expires before its time");
        after.Clock.Advance(TimeSpan.FromMinutes(16));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        StockReservation? seen;
        do
        {
            await Task.Delay(50, StockTestHelpers.Ct);
            seen = await after.CatalogAsync(api => api.GetReservationAsync(expiring.Id, StockTestHelpers.Ct));
        }
        while (seen!.Status != StockReservationStatus.Expired && DateTime.UtcNow < deadline);

        seen.Status.ShouldBe(StockReservationStatus.Expired);
        (await after.StockAsync(productId, variantId)).ShouldBe(8, "the expired reservation's 3 units are back; the confirmed 2 stay sold");
        (await after.CatalogAsync(api => api.GetReservationAsync(confirmed.Id, StockTestHelpers.Ct)))!.Status.ShouldBe(StockReservationStatus.Confirmed);
        (await after.CatalogAsync(api => api.ConfirmAsync(expiring.Id, StockTestHelpers.Ct))).Error!.Code.ShouldBe("catalog.reservation_expired");
        (await after.CatalogAsync(api => api.ReleaseAsync(expiring.Id, StockTestHelpers.Ct))).Value.Status.ShouldBe(StockReservationStatus.Expired);
        (await after.StockAsync(productId, variantId)).ShouldBe(8, "a release after the expiry returns nothing twice");
        await after.StockIsConsistentAsync();
    }
}
