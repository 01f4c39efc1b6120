using System.Net;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Orders.Tests.Http;

/// <summary>Cancels, refunds and payments that settle later: the order, its payment (Payments) and its stock (Catalog) move together.</summary>
public sealed class PaymentFlowTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly OrdersDriver _orders = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancelling_a_paid_order_refunds_the_payment_and_returns_the_stock()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 10);
        var order = await _orders.PlacedOrderAsync(userId, client, product, quantity: 3);
        await _orders.StockEventuallyAsync(product.Id, 7);

        var cancelled = await (await _orders.CancelAsync(client, order.Id)).ReadJsonAsync<OrderDto>();
        cancelled.Status.ShouldBe("Cancelled");
        cancelled.History[^1].Status.ShouldBe("Cancelled");
        cancelled.History[^1].Reason.ShouldBe("cancelled_by_customer");
        cancelled.Payment.Status.ShouldBe("Refunded");
        (await _orders.PaymentsAsync(api => api.GetAsync(order.Payment.Id, Ct)))!.Status.ShouldBe(PaymentStatus.Refunded);
        (await _orders.ProductAsync(product.Id)).Stock.ShouldBe(10, "the 3 sold units are back");

        (await (await _orders.CancelAsync(client, order.Id)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("orders.invalid_transition");
        (await _orders.RefundAsync(order.Id, null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _orders.ShipAsync(order.Id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await Task.Delay(300, Ct); // the scheduled twins of the inline effects run now: they must change nothing
        (await _orders.ProductAsync(product.Id)).Stock.ShouldBe(10, "released once, however often asked");
    }

    [Fact]
    public async Task Cancelling_an_order_awaiting_its_payment_voids_the_payment_and_releases_the_stock()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 5);
        var order = await _orders.PlacedOrderAsync(userId, client, product, quantity: 2, card: Card.RequiresAction);
        order.Status.ShouldBe("AwaitingPayment");
        (await _orders.ProductAsync(product.Id)).Stock.ShouldBe(3, "held for the order");

        var cancelled = await (await _orders.CancelAsync(client, order.Id)).ReadJsonAsync<OrderDto>();
        cancelled.Status.ShouldBe("Cancelled");
        cancelled.Payment.Status.ShouldBe("Voided");
        cancelled.Payment.NextAction.ShouldBeNull();
        (await _orders.ProductAsync(product.Id)).Stock.ShouldBe(5);
    }

    [Fact]
    public async Task Partial_refunds_add_up_an_over_refund_is_409_and_the_last_one_makes_the_order_refunded()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(price: 20m, stock: 10);
        var order = await _orders.PlacedOrderAsync(userId, client, product); // 20 + 2 tax + 4.99 shipping = 26.99
        order.Total.ShouldBe(26.99m);

        var first = await (await _orders.RefundAsync(order.Id, 10m, "scratched")).ReadJsonAsync<OrderDto>();
        (first.Status, first.Refunded).ShouldBe(("Paid", 10m));
        first.History[^1].Reason.ShouldBe("scratched");
        await (await _orders.ShipAsync(order.Id)).ExpectStatusAsync(HttpStatusCode.OK);
        var second = await (await _orders.RefundAsync(order.Id, 6.99m, "late")).ReadJsonAsync<OrderDto>();
        (second.Status, second.Refunded).ShouldBe(("Shipped", 16.99m));

        var over = await (await _orders.RefundAsync(order.Id, 10.01m)).ReadProblemAsync(HttpStatusCode.Conflict);
        over.Code.ShouldBe("orders.refund_exceeds_captured");
        (await _orders.GetOrderAsync(client, order.Id)).Refunded.ShouldBe(16.99m, "a refused refund gives nothing back");

        var rest = await (await _orders.RefundAsync(order.Id, null, "returned")).ReadJsonAsync<OrderDto>();
        (rest.Status, rest.Refunded).ShouldBe(("Refunded", 26.99m));
        rest.History.Select(h => h.Status).ShouldBe(["Paid", "Paid", "Shipped", "Shipped", "Refunded"]);
        var payment = await _orders.PaymentsAsync(api => api.GetAsync(order.Payment.Id, Ct));
        (payment!.Status, payment.Refunded.Amount).ShouldBe((PaymentStatus.Refunded, 26.99m));
        (await (await _orders.RefundAsync(order.Id, 1m)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("orders.invalid_transition");
        (await _orders.ShipAsync(order.Id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_delivered_order_can_be_refunded_but_one_awaiting_its_payment_cannot()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 10);
        var delivered = await _orders.PlacedOrderAsync(userId, client, product);
        await (await _orders.ShipAsync(delivered.Id)).ExpectStatusAsync(HttpStatusCode.OK);
        await (await _orders.DeliverAsync(delivered.Id)).ExpectStatusAsync(HttpStatusCode.OK);
        (await (await _orders.RefundAsync(delivered.Id, null)).ReadJsonAsync<OrderDto>()).Status.ShouldBe("Refunded");

        var awaiting = await _orders.PlacedOrderAsync(userId, client, product, card: Card.RequiresAction);
        (await (await _orders.RefundAsync(awaiting.Id, 1m)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("orders.invalid_transition");
        (await _orders.RefundAsync(Guid.NewGuid(), 1m)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refund_request_names_its_bad_fields()
    {
        var (userId, client) = _orders.Customer();
        var order = await _orders.PlacedOrderAsync(userId, client, await _orders.CreateProductAsync());
        (await (await _orders.RefundAsync(order.Id, 1m, reason: "")).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldBe(["reason"]);
        (await (await _orders.RefundAsync(order.Id, 1m, reason: new string('x', 501))).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldBe(["reason"]);
        (await (await _orders.RefundAsync(order.Id, 0m)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldBe(["amount"]);
        (await (await _orders.RefundAsync(order.Id, 1.001m)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldBe(["amount"]);
        (await _orders.GetOrderAsync(client, order.Id)).Refunded.ShouldBe(0m);
    }

    [Fact]
    public async Task A_refund_retried_with_its_idempotency_key_refunds_once()
    {
        var (userId, client) = _orders.Customer();
        var order = await _orders.PlacedOrderAsync(userId, client, await _orders.CreateProductAsync(price: 30m));
        var key = Guid.NewGuid().ToString();
        var first = await _orders.RefundAsync(order.Id, 5m, idempotencyKey: key);
        (await first.ReadJsonAsync<OrderDto>()).Refunded.ShouldBe(5m);
        var replay = await _orders.RefundAsync(order.Id, 5m, idempotencyKey: key);
        (await replay.ReadJsonAsync<OrderDto>()).Refunded.ShouldBe(5m);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await _orders.GetOrderAsync(client, order.Id)).Refunded.ShouldBe(5m);
        (await _orders.PaymentsAsync(api => api.GetAsync(order.Payment.Id, Ct)))!.Refunded.Amount.ShouldBe(5m);
    }

    [Fact]
    public async Task A_3D_Secure_payment_approved_on_the_bank_page_makes_the_order_paid_and_sells_its_stock()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 4);
        var order = await _orders.PlacedOrderAsync(userId, client, product, quantity: 2, card: Card.RequiresAction);
        order.Payment.NextAction.ShouldNotBeNull();

        await _orders.AuthenticateAsync(order.Payment.Id, "approve");

        var paid = await _orders.EventuallyAsync(order.Id, o => o.Status == "Paid");
        paid.Payment.Status.ShouldBe("Captured");
        paid.Payment.NextAction.ShouldBeNull();
        paid.History.Select(h => h.Status).ShouldBe(["AwaitingPayment", "Paid"]);
        paid.History[^1].Reason.ShouldBe("payment captured");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await _orders.CatalogAsync(api => api.GetReservationAsync(order.Id, Ct)))!.Status != StockReservationStatus.Confirmed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        (await _orders.CatalogAsync(api => api.GetReservationAsync(order.Id, Ct)))!.Status.ShouldBe(StockReservationStatus.Confirmed);
        (await _orders.ProductAsync(product.Id)).Stock.ShouldBe(2);
    }

    [Fact]
    public async Task A_3D_Secure_payment_failed_on_the_bank_page_cancels_the_order_and_releases_its_stock()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 4);
        var order = await _orders.PlacedOrderAsync(userId, client, product, quantity: 3, card: Card.RequiresAction);
        (await _orders.ProductAsync(product.Id)).Stock.ShouldBe(1);

        await _orders.AuthenticateAsync(order.Payment.Id, "fail");

        var cancelled = await _orders.EventuallyAsync(order.Id, o => o.Status == "Cancelled");
        cancelled.History[^1].Reason!.ShouldStartWith("payment_failed: ");
        cancelled.Payment.Status.ShouldBe("Failed");
        await _orders.StockEventuallyAsync(product.Id, 4);
    }
}
