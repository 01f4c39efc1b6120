using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Checkout.Tests.Http;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Tests.Http;
using ModularShop.Payments.Abstractions;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Reconciliation;

/// <summary>The host on a clock the tests move, with <see cref="LossyProvider"/> beside the test card, and the
/// reconciliation job running on its own every 10 s (of that clock).</summary>
public sealed class ReconciliationShopFactory : LoggingShopFactory
{
    public ReconciliationShopFactory() => UseFakeClock();

    public LossyProvider Lossy { get; } = new();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Payments:Reconciliation:Interval"] = "00:00:10";
        settings["Payments:Reconciliation:StuckAfter"] = "00:15:00";
        settings["Payments:Reconciliation:UnmatchedAfter"] = "00:30:00";
        settings["Checkout:PaymentTimeout"] = "02:00:00"; // the tests move the clock by minutes: no timeout in between
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPaymentProvider>(Lossy));
    }
}

/// <summary>Issue 13 → Reconciliation: a lost webhook never leaves an order waiting forever, and money captured
/// without an order is flagged.</summary>
public sealed class ReconciliationTests(ReconciliationShopFactory factory) : IClassFixture<ReconciliationShopFactory>
{
    private readonly CheckoutDriver _shop = new(factory);
    private readonly PaymentsDriver _payments = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, OrderDto Order, ProductDto Product)> PlaceWithLossyAsync()
    {
        var product = await _shop.CreateProductAsync(price: 30m, stock: 5);
        var (client, _) = _shop.NewCustomer();
        var cart = await _shop.CartWithAsync(client, (product, 2));
        var body = CheckoutDriver.Body(cart.Id);
        body["payment"] = new JsonObject { ["provider"] = LossyProvider.ProviderCode, ["details"] = new JsonObject() };
        var order = await (await CheckoutDriver.CheckoutAsync(client, body, CheckoutDriver.NewKey())).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);
        order.Status.ShouldBe("AwaitingPayment");
        return (client, order, product);
    }

    /// <summary>Moves the clock in 10 s steps (one job run each) until <paramref name="done"/> holds, for at most
    /// <paramref name="steps"/> steps or 30 s of real time, whichever ends later (the follow-ups — the order's event,
    /// the stock's release — run on real time too, and a loaded CI box is slow).</summary>
    private async Task<bool> RunJobUntilAsync(Func<Task<bool>> done, int steps = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var i = 0; i < steps || DateTime.UtcNow < deadline; i++)
        {
            if (await done())
            {
                return true;
            }

            factory.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(100, Ct);
        }

        return await done();
    }

    [Fact]
    public async Task A_payment_whose_webhook_was_lost_is_captured_from_the_providers_answer_and_the_order_paid()
    {
        var (client, order, _) = await PlaceWithLossyAsync();
        factory.Lossy.Outcomes[order.Payment.Id.ToString()] = ProviderPaymentStatus.Captured; // paid at the provider; the webhook is lost

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(300, Ct);
        (await CheckoutDriver.GetOrderAsync(client, order.Id)).Status.ShouldBe("AwaitingPayment", "not stuck long enough to be looked up");

        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        (await RunJobUntilAsync(async () => (await CheckoutDriver.GetOrderAsync(client, order.Id)).Status == "Paid")).ShouldBeTrue("the order became Paid");
        (await _payments.EventTypesAsync(order.Payment.Id)).ShouldContain("reconciled.captured");
        (await CheckoutDriver.GetOrderAsync(client, order.Id)).Payment.Status.ShouldBe("Captured");
    }

    [Fact]
    public async Task Payments_of_providers_that_cannot_be_asked_do_not_crowd_out_those_that_can()
    {
        // More waiting 3-D Secure payments of the test card (which cannot be asked) than one run takes (100), all older.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 26; i++)
            {
                (await _payments.ChargeAsync(Guid.NewGuid(), Guid.NewGuid(), PaymentsDriver.ThreeDs)).Value.Status.ShouldBe(PaymentStatus.RequiresAction);
            }
        }));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var (client, order, _) = await PlaceWithLossyAsync();
        factory.Lossy.Outcomes[order.Payment.Id.ToString()] = ProviderPaymentStatus.Captured;

        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        (await RunJobUntilAsync(async () => (await CheckoutDriver.GetOrderAsync(client, order.Id)).Status == "Paid")).ShouldBeTrue("the lossy payment was asked about");
    }

    [Fact]
    public async Task A_payment_that_failed_at_the_provider_cancels_its_order_and_returns_the_stock()
    {
        var (client, order, product) = await PlaceWithLossyAsync();
        factory.Lossy.Outcomes[order.Payment.Id.ToString()] = ProviderPaymentStatus.Failed;

        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        (await RunJobUntilAsync(async () => (await CheckoutDriver.GetOrderAsync(client, order.Id)).Status == "Cancelled")).ShouldBeTrue();
        (await RunJobUntilAsync(async () => await _shop.StockAsync(product) == 5)).ShouldBeTrue("the reserved units came back");
    }

    [Fact]
    public async Task A_payment_still_waiting_or_whose_lookup_fails_is_left_as_it_is_and_asked_again()
    {
        var (client, waiting, _) = await PlaceWithLossyAsync();
        var (_, failing, _) = await PlaceWithLossyAsync();
        factory.Lossy.Failing[failing.Payment.Id.ToString()] = true;

        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var before = factory.Lossy.Lookups;
        (await RunJobUntilAsync(() => Task.FromResult(factory.Lossy.Lookups >= before + 4))).ShouldBeTrue("both were asked, more than once");

        (await CheckoutDriver.GetOrderAsync(client, waiting.Id)).Status.ShouldBe("AwaitingPayment");
        (await _payments.EventTypesAsync(failing.Payment.Id)).ShouldNotContain(t => t.StartsWith("reconciled.", StringComparison.Ordinal));
        factory.Log.ShouldContain(l => l.Contains($"asking lossy about payment {failing.Payment.Id} failed", StringComparison.Ordinal));

        // The provider is back and says: paid.
        factory.Lossy.Failing.TryRemove(failing.Payment.Id.ToString(), out _);
        factory.Lossy.Outcomes[failing.Payment.Id.ToString()] = ProviderPaymentStatus.Captured;
        (await RunJobUntilAsync(async () => (await _payments.EventTypesAsync(failing.Payment.Id)).Contains("reconciled.captured"))).ShouldBeTrue();
    }

    [Fact]
    public async Task Money_captured_without_an_order_is_flagged_once_and_listed_for_the_admin()
    {
        var orphan = Guid.NewGuid();
        var orphanOrder = Guid.NewGuid(); // no such order: checkout died for good after charging, say
        (await _payments.ChargeAsync(orphan, Guid.NewGuid(), orderId: orphanOrder, amount: 19.99m)).Value.Status.ShouldBe(PaymentStatus.Captured);
        var product = await _shop.CreateProductAsync(price: 12m);
        var (client, _) = _shop.NewCustomer();
        var cart = await _shop.CartWithAsync(client, (product, 1));
        var sold = await (await CheckoutDriver.CheckoutAsync(client, CheckoutDriver.Body(cart.Id), CheckoutDriver.NewKey())).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);

        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        await Task.Delay(300, Ct);
        (await UnmatchedAsync()).ShouldNotContain(p => p["paymentId"]!.GetValue<Guid>() == orphan, "not after 20 minutes");

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        (await RunJobUntilAsync(async () => (await UnmatchedAsync()).Any(p => p["paymentId"]!.GetValue<Guid>() == orphan))).ShouldBeTrue();
        var listed = (await UnmatchedAsync()).Single(p => p["paymentId"]!.GetValue<Guid>() == orphan);
        listed["orderId"]!.GetValue<Guid>().ShouldBe(orphanOrder);
        listed["captured"]!.GetValue<decimal>().ShouldBe(19.99m);
        (await UnmatchedAsync()).ShouldNotContain(p => p["paymentId"]!.GetValue<Guid>() == sold.Payment.Id, "its order exists");

        // Further runs do not flag it again.
        for (var i = 0; i < 5; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(100, Ct);
        }

        (await _payments.EventTypesAsync(orphan)).Count(t => t == "reconciled.unmatched").ShouldBe(1);
        factory.Log.Count(l => l.Contains($"payment {orphan} captured", StringComparison.Ordinal)).ShouldBe(1);
        (await factory.CreateCustomerClient().GetAsync("/api/admin/payments/unmatched", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<List<JsonObject>> UnmatchedAsync() =>
        await (await _shop.Admin.GetAsync("/api/admin/payments/unmatched", Ct)).ReadJsonAsync<List<JsonObject>>();
}
