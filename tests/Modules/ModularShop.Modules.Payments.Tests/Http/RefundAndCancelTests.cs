using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Http;

/// <summary>Refunds (idempotent by refund id, never above what was captured, also in parallel) and cancels.</summary>
public sealed class RefundAndCancelTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly PaymentsDriver _payments = new(factory);

    private static Money Usd(decimal amount) => Money.Of(amount, "USD");

    private async Task<Guid> CapturedAsync(decimal amount = 100m)
    {
        var id = Guid.NewGuid();
        (await _payments.ChargeAsync(id, Guid.NewGuid(), amount: amount)).Value.Status.ShouldBe(PaymentStatus.Captured);
        return id;
    }

    private Task<Result<PaymentSummary>> RefundAsync(Guid id, Guid refundId, decimal? amount) =>
        _payments.ApiAsync(api => api.RefundAsync(id, refundId, amount is { } a ? Usd(a) : null, "customer asked", PaymentsDriver.Ct));

    [Fact]
    public async Task Partial_refunds_then_the_rest_end_refunded()
    {
        var id = await CapturedAsync();

        var first = (await RefundAsync(id, Guid.NewGuid(), 40m)).Value;
        first.Status.ShouldBe(PaymentStatus.PartiallyRefunded);
        first.Refunded.ShouldBe(Usd(40m));

        var rest = (await RefundAsync(id, Guid.NewGuid(), null)).Value;
        rest.Status.ShouldBe(PaymentStatus.Refunded);
        rest.Refunded.ShouldBe(Usd(100m));
        (await _payments.PublishedStatusesAsync(id)).ShouldBe([PaymentStatus.Captured, PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded]);
        (await _payments.EventTypesAsync(id)).ShouldBe(["charge.requested", "charge.captured", "refund", "refund"]);
    }

    [Fact]
    public async Task A_repeated_refund_id_refunds_once()
    {
        var id = await CapturedAsync();
        var refundId = Guid.NewGuid();
        var first = (await RefundAsync(id, refundId, 10m)).Value;
        var again = (await RefundAsync(id, refundId, 10m)).Value;

        again.ShouldBe(first);
        again.Refunded.ShouldBe(Usd(10m));
    }

    [Fact]
    public async Task Refunding_more_than_is_left_or_an_uncaptured_payment_is_a_conflict()
    {
        var id = await CapturedAsync();
        (await RefundAsync(id, Guid.NewGuid(), 100.01m)).Error!.Code.ShouldBe("payments.refund_exceeds_captured");
        await RefundAsync(id, Guid.NewGuid(), 60m);
        (await RefundAsync(id, Guid.NewGuid(), 40.01m)).Error!.Code.ShouldBe("payments.refund_exceeds_captured");

        var declined = Guid.NewGuid();
        await _payments.ChargeAsync(declined, Guid.NewGuid(), PaymentsDriver.Decline);
        (await RefundAsync(declined, Guid.NewGuid(), 1m)).Error!.Code.ShouldBe("payments.not_captured");
        (await RefundAsync(Guid.NewGuid(), Guid.NewGuid(), 1m)).Error!.Code.ShouldBe("payments.not_found");
    }

    [Fact]
    public async Task Parallel_refunds_never_together_exceed_the_captured_amount()
    {
        var id = await CapturedAsync(100m);
        using var start = new ManualResetEventSlim();
        var refunds = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            start.Wait(PaymentsDriver.Ct);
            return await RefundAsync(id, Guid.NewGuid(), 15m);
        }, PaymentsDriver.Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(refunds);

        results.Count(r => r.IsSuccess).ShouldBe(6);
        results.Where(r => !r.IsSuccess).ShouldAllBe(r => r.Error!.Code == "payments.refund_exceeds_captured");
        var payment = (await _payments.ApiAsync(api => api.GetAsync(id, PaymentsDriver.Ct)))!;
        payment.Refunded.ShouldBe(Usd(90m));
        (await _payments.QueryAsync("SELECT sum(amount) FROM payments.refunds WHERE payment_id = @id", r => r.GetDecimal(0), ("id", id))).ShouldBe([90m]);
    }

    [Fact]
    public async Task Cancel_voids_a_waiting_payment_and_refunds_a_captured_one_idempotently()
    {
        var waiting = Guid.NewGuid();
        await _payments.ChargeAsync(waiting, Guid.NewGuid(), PaymentsDriver.ThreeDs);
        var voided = (await _payments.ApiAsync(api => api.CancelAsync(waiting, "order cancelled", PaymentsDriver.Ct))).Value;
        voided.Status.ShouldBe(PaymentStatus.Voided);
        voided.NextAction.ShouldBeNull();
        (await _payments.ApiAsync(api => api.CancelAsync(waiting, "again", PaymentsDriver.Ct))).Value.ShouldBe(voided);

        var captured = await CapturedAsync(50m);
        await RefundAsync(captured, Guid.NewGuid(), 20m);
        var refunded = (await _payments.ApiAsync(api => api.CancelAsync(captured, "order cancelled", PaymentsDriver.Ct))).Value;
        refunded.Status.ShouldBe(PaymentStatus.Refunded);
        refunded.Refunded.ShouldBe(Usd(50m));
        (await _payments.ApiAsync(api => api.CancelAsync(captured, "again", PaymentsDriver.Ct))).Value.ShouldBe(refunded);

        var failed = Guid.NewGuid();
        var declined = (await _payments.ChargeAsync(failed, Guid.NewGuid(), PaymentsDriver.Decline)).Value;
        (await _payments.ApiAsync(api => api.CancelAsync(failed, "order cancelled", PaymentsDriver.Ct))).Value.ShouldBe(declined);
        (await _payments.ApiAsync(api => api.CancelAsync(Guid.NewGuid(), "x", PaymentsDriver.Ct))).Error!.Code.ShouldBe("payments.not_found");
    }

    [Fact]
    public async Task Parallel_cancels_of_a_captured_payment_refund_once()
    {
        var id = await CapturedAsync(30m);
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Task.Run(() => _payments.ApiAsync(api => api.CancelAsync(id, "order cancelled", PaymentsDriver.Ct)), PaymentsDriver.Ct)));

        results.ShouldAllBe(r => r.IsSuccess && r.Value.Status == PaymentStatus.Refunded);
        (await _payments.QueryAsync("SELECT count(*) FROM payments.refunds WHERE payment_id = @id", r => r.GetInt64(0), ("id", id))).ShouldBe([1L]);
    }
}
