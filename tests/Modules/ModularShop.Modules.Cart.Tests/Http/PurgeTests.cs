using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.Modules.Cart.Housekeeping;
using ModularShop.Modules.Cart.Persistence;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>The host with a clock the test moves, and the anonymous-cart lifetime at its default (30 days).</summary>
public sealed class FakeClockShopFactory : ShopFactory
{
    public FakeClockShopFactory() => UseFakeClock();
}

/// <summary>Anonymous carts untouched for 30 days are purged; users' carts are kept.</summary>
public sealed class PurgeTests(FakeClockShopFactory factory) : IClassFixture<FakeClockShopFactory>
{
    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task Anonymous_carts_untouched_for_30_days_are_purged_users_carts_and_recently_seen_ones_are_kept()
    {
        var product = await _carts.CreateProductAsync();
        var abandoned = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(abandoned.Id, product.Id, 2);
        var visited = await _carts.CreateCartAsync();
        var userId = Guid.NewGuid();
        var users = await _carts.CreateCartAsync(_carts.Customer(userId));
        var purge = factory.Services.GetRequiredService<AbandonedCartPurge>();

        // Moving the clock also wakes the purge's own hourly timer; the explicit purges make the test not
        // depend on when that one runs, so the assertions are on the carts, not on counts.
        factory.Clock.Advance(TimeSpan.FromDays(20));
        await _carts.GetCartAsync(visited.Id); // a visit keeps a cart alive
        await purge.PurgeAsync(CartDriver.Ct);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
        (await db.Carts.AnyAsync(c => c.Id == abandoned.Id, CartDriver.Ct)).ShouldBeTrue("20 days untouched is not abandoned yet");

        factory.Clock.Advance(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));
        await purge.PurgeAsync(CartDriver.Ct);

        await (await _carts.GetAsync(abandoned.Id)).ReadProblemAsync(HttpStatusCode.NotFound);
        (await _carts.GetCartAsync(visited.Id)).Id.ShouldBe(visited.Id);
        (await db.Carts.AnyAsync(c => c.Id == users.Id, CartDriver.Ct)).ShouldBeTrue();
        (await db.Items.AnyAsync(i => i.CartId == abandoned.Id, CartDriver.Ct)).ShouldBeFalse("the purged cart's lines go with it");

        factory.Clock.Advance(TimeSpan.FromDays(400));
        await purge.PurgeAsync(CartDriver.Ct);
        (await db.Carts.AnyAsync(c => c.Id == visited.Id, CartDriver.Ct)).ShouldBeFalse();
        (await db.Carts.AnyAsync(c => c.Id == users.Id, CartDriver.Ct)).ShouldBeTrue("users' carts are kept");
    }
}
