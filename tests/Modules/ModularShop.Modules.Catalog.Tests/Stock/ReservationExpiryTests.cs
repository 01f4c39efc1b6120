using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
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

    [Fact]
    public async Task Forty_reservations_expiring_at_once_while_checkouts_release_and_reserve_the_same_products_never_deadlock()
    {
        await using var factory = new FakeClockFactory { KeepDatabase = false };
        await factory.InitializeAsync();
        var catalog = new CatalogDriver(factory);
        var category = await catalog.CreateCategoryAsync();
        var first = await catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 500)]));
        var second = await catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 500)]));
        StockReservationLine[] lines =
        [
            new(first.Id, first.Variants[0].Id, 1),
            new(second.Id, second.Variants[0].Id, 1),
        ];
        var expiresAt = factory.Clock.GetUtcNow().AddMinutes(1);
        var held = new List<StockReservation>();
        for (var i = 0; i < 40; i++)
        {
            held.Add((await factory.ReserveAsync(Guid.NewGuid(), expiresAt, lines)).Reserved());
        }

        // The expiries become due and are delivered while checkouts release some of the same reservations and reserve anew.
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        using var start = new SemaphoreSlim(0);
        var expiry = Task.Run(async () =>
        {
            await start.WaitAsync(StockTestHelpers.Ct);
            return await factory.Services.GetRequiredService<MessagePump>().DeliverDueAsync(StockTestHelpers.Ct);
        });
        var releases = held.Where((_, i) => i % 2 == 1).Reverse().Select(r => Task.Run(async () =>
        {
            await start.WaitAsync(StockTestHelpers.Ct);
            return await factory.CatalogAsync(api => api.ReleaseAsync(r.Id, StockTestHelpers.Ct));
        })).ToList();
        var reserves = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync(StockTestHelpers.Ct);
            return await factory.ReserveAsync(Guid.NewGuid(), factory.Clock.GetUtcNow().AddMinutes(30), i % 2 == 0 ? lines : [lines[1], lines[0]]);
        })).ToList();
        start.Release(41);
        await expiry;
        var released = await Task.WhenAll(releases);
        var reserved = await Task.WhenAll(reserves);

        released.ShouldAllBe(r => r.IsSuccess);
        reserved.ShouldAllBe(r => r.IsSuccess && r.Value.Status == StockReservationStatus.Reserved);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && await factory.StockAsync(first.Id, first.Variants[0].Id) != 480)
        {
            await Task.Delay(50, StockTestHelpers.Ct);
        }

        (await factory.StockAsync(first.Id, first.Variants[0].Id)).ShouldBe(480, "only the 20 new reservations hold units");
        (await factory.StockAsync(second.Id, second.Variants[0].Id)).ShouldBe(480);
        foreach (var reservation in held)
        {
            (await factory.CatalogAsync(api => api.GetReservationAsync(reservation.Id, StockTestHelpers.Ct)))!.Status
                .ShouldBeOneOf(StockReservationStatus.Released, StockReservationStatus.Expired);
        }

        await factory.StockIsConsistentAsync();
        (await factory.ScalarAsync<long>("SELECT count(*) FROM catalog.inbox_messages WHERE attempts > 0")).ShouldBe(0, "no expiry failed (a deadlock would)");
    }
}
