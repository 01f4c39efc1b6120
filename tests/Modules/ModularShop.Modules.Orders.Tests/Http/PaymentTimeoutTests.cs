using System.Net;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Orders.Tests.Http;

/// <summary>A host on a clock the test moves.</summary>
public sealed class FakeClockShopFactory : ShopFactory
{
    public FakeClockShopFactory() => UseFakeClock();
}

/// <summary>A host on a clock the test moves, whose database outlives it (for a restart).</summary>
public sealed class KeptFakeClockShopFactory : ShopFactory
{
    public KeptFakeClockShopFactory()
    {
        UseFakeClock();
        KeepDatabase = true;
    }
}

/// <summary>A second host on the database of an earlier one (a restart), on a clock of its own; drops the database when disposed.</summary>
public sealed class RestartedShopFactory : ShopFactory
{
    public RestartedShopFactory(string database)
        : base(new Dictionary<string, string?>(), database) => UseFakeClock();
}

/// <summary>An order still unpaid at its payment's due time is cancelled by a durable timer, its payment voided and its stock released.</summary>
public sealed class PaymentTimeoutTests(FakeClockShopFactory factory) : IClassFixture<FakeClockShopFactory>
{
    private readonly OrdersDriver _orders = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_unpaid_at_its_due_time_is_cancelled_and_its_stock_released_a_paid_one_is_not()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 10);
        var now = factory.Clock.GetUtcNow();
        var unpaid = await _orders.PlacedOrderAsync(userId, client, product, quantity: 3, card: Card.RequiresAction, paymentTimeout: TimeSpan.FromMinutes(30), now: now);
        var paid = await _orders.PlacedOrderAsync(userId, client, product, quantity: 2, now: now);
        await _orders.StockEventuallyAsync(product.Id, 5);

        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(1500, Ct);
        (await _orders.GetOrderAsync(client, unpaid.Id)).Status.ShouldBe("AwaitingPayment", "not before its time");

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var cancelled = await _orders.EventuallyAsync(unpaid.Id, o => o.Status == "Cancelled" && o.Payment.Status == "Voided");
        cancelled.History[^1].Reason.ShouldBe("payment_timeout");
        (await _orders.PaymentsAsync(api => api.GetAsync(unpaid.Payment.Id, Ct)))!.Status.ShouldBe(PaymentStatus.Voided);
        await _orders.StockEventuallyAsync(product.Id, 8);
        (await _orders.GetOrderAsync(client, paid.Id)).Status.ShouldBe("Paid");
        (await _orders.CancelAsync(client, unpaid.Id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_payment_timeout_survives_a_host_restart()
    {
        string database;
        Guid orderId, productId, paymentId;
        await using (var before = new KeptFakeClockShopFactory())
        {
            await before.InitializeAsync();
            var orders = new OrdersDriver(before);
            var (userId, client) = orders.Customer();
            var product = await orders.CreateProductAsync(stock: 6);
            var order = await orders.PlacedOrderAsync(userId, client, product, quantity: 4, card: Card.RequiresAction, now: before.Clock.GetUtcNow());
            (orderId, productId, paymentId) = (order.Id, product.Id, order.Payment.Id);
            (await orders.ProductAsync(productId)).Stock.ShouldBe(2);
            database = before.DatabaseName;
        }

        // The host is down at the due time; it comes back 31 minutes later (on its clock).
        await using var after = new RestartedShopFactory(database);
        await after.InitializeAsync();
        after.Clock.Advance(TimeSpan.FromMinutes(31));
        var again = new OrdersDriver(after);
        var cancelled = await again.EventuallyAsync(orderId, o => o.Status == "Cancelled" && o.Payment.Status == "Voided");
        cancelled.History[^1].Reason.ShouldBe("payment_timeout");
        await again.StockEventuallyAsync(productId, 6);
        (await again.PaymentsAsync(api => api.GetAsync(paymentId, Ct)))!.Status.ShouldBe(PaymentStatus.Voided);
    }
}
