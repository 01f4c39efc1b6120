using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.Modules.Orders.Persistence;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Contracts.IntegrationEvents;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Orders.Tests.Http;

/// <summary>
/// The rules of <c>orders.apply-payment-updates</c> that the real provider cannot be made to trigger on demand: reports
/// arriving out of order, and money captured after the order was cancelled. The events are published as Payments would
/// publish them (through an outbox, here the Orders one in a test scope) and delivered by the real relay and inbox.
/// </summary>
public sealed class PaymentEventTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly OrdersDriver _orders = new(factory);

    [Fact]
    public async Task An_older_payment_report_changes_nothing_and_money_captured_after_a_cancel_is_given_back_with_a_note()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 5);
        var order = await _orders.PlacedOrderAsync(userId, client, product, card: Card.RequiresAction);
        var payment = (await _orders.PaymentsAsync(api => api.GetAsync(order.Payment.Id, OrdersDriver.Ct)))!;

        // An old report (version 0) that the payment failed: ignored, the order still waits.
        await PublishAsync(Event(payment, PaymentStatus.Failed, version: 0, failureCode: "card_declined"));
        var cancelled = await (await _orders.CancelAsync(client, order.Id)).ReadJsonAsync<OrderDto>();
        cancelled.History.Select(h => h.Reason).ShouldNotContain("payment_failed: card_declined");
        cancelled.Payment.Status.ShouldBe("Voided");

        // A capture reported after the cancel (the money came late): the order stays cancelled, notes it, and cancels the
        // payment again (a refund of what arrived; here Payments answers the voided payment as it is).
        await PublishAsync(Event(payment, PaymentStatus.Captured, version: 1_000));
        var noted = await _orders.EventuallyAsync(order.Id, o => o.History.Count > cancelled.History.Count);
        noted.Status.ShouldBe("Cancelled");
        noted.History[^1].Reason!.ShouldStartWith("payment captured after the order was cancelled");
        (await _orders.ProductAsync(product.Id)).Stock.ShouldBe(5);
    }

    private static PaymentUpdatedIntegrationEvent Event(PaymentSummary p, PaymentStatus status, long version, string? failureCode = null) =>
        new(p.Id, p.OrderId, status, p.Amount.Amount, status == PaymentStatus.Captured ? p.Amount.Amount : 0m, 0m, p.Amount.Currency, failureCode, version);

    private async Task PublishAsync(PaymentUpdatedIntegrationEvent e)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        db.Publish(e);
        await db.SaveChangesAsync(OrdersDriver.Ct);
        // Relay it and run every subscription (and what they schedule) now, whatever the background loops have done.
        var pump = factory.Services.GetRequiredService<MessagePump>();
        while (await pump.DeliverDueAsync(OrdersDriver.Ct) > 0)
        {
        }
    }
}
