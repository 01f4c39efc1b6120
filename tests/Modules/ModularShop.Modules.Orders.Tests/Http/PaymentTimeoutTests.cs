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
}
