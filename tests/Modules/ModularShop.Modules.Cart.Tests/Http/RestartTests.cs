using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>The host with the outbox relay switched off: changes are committed with their events, none is delivered.</summary>
public sealed class RelayOffFactory : ShopFactory
{
    public RelayOffFactory() => KeepDatabase = true;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Messaging:RelayEnabled"] = "false";
    }
}

/// <summary>A second host on the database of an earlier one (a restart); drops the database when disposed.</summary>
public sealed class RestartedFactory(string database) : ShopFactory(new Dictionary<string, string?>(), database);

/// <summary>
/// A price change that was committed but not yet delivered when the host died still reaches the carts once a
/// host runs again (the event waits in Catalog's outbox). The relay is off in the first host so the event is
/// certainly undelivered when it stops, as after a <c>kill -9</c> between the change and its delivery.
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_price_change_undelivered_when_the_host_stopped_reaches_the_cart_within_two_seconds_of_the_restart()
    {
        string database;
        Guid cartId;
        await using (var before = new RelayOffFactory())
        {
            await before.InitializeAsync();
            var carts = new CartDriver(before);
            var product = await carts.CreateProductAsync(price: 10m, stock: 10);
            cartId = (await carts.CreateCartAsync()).Id;
            await carts.AddItemAsync(cartId, product.Id, 1);

            await carts.ChangeProductAsync(product, price: 11m);
            await Task.Delay(300, CartDriver.Ct);
            (await carts.GetCartAsync(cartId)).Items.Single().UnitPrice.ShouldBe(10m, "no relay runs: the event waits in the outbox");
            database = before.DatabaseName;
        }

        await using var after = new RestartedFactory(database);
        await after.InitializeAsync();
        var restarted = new CartDriver(after);

        var seen = await restarted.EventuallyAsync(cartId, c => c.Items.Single().UnitPrice == 11m, TimeSpan.FromSeconds(2));
        seen.Problems.Single().Code.ShouldBe("PRICE_CHANGED");
    }
}
