using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Domain;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Domain;

public sealed class PaymentTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static Payment NewPayment() => Payment.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "test-card", Money.Of(100m, "USD"), Now);

    [Fact]
    public void Final_statuses_go_nowhere()
    {
        foreach (var status in new[] { PaymentStatus.Failed, PaymentStatus.Voided, PaymentStatus.Refunded })
        {
            PaymentTransitions.IsFinal(status).ShouldBeTrue();
            Enum.GetValues<PaymentStatus>().ShouldAllBe(to => !PaymentTransitions.CanMove(status, to));
        }

        Enum.GetValues<PaymentStatus>().ShouldAllBe(s => PaymentTransitions.Table.ContainsKey(s));
    }

    [Fact]
    public void A_captured_payment_cannot_go_back_to_requiring_action_or_fail()
    {
        var payment = NewPayment();
        payment.Capture("charge.captured", null, Now).ShouldBeTrue();
        var version = payment.Version;

        payment.RequireAction("redirect", "/x", Now).ShouldBeFalse();
        payment.Fail("webhook.payment.failed", "x", null, "evt", Now).ShouldBeFalse();
        payment.Void(Now).ShouldBeFalse();
        payment.Status.ShouldBe(PaymentStatus.Captured);
        payment.Version.ShouldBe(version);
    }

    [Fact]
    public void Refunds_move_to_partially_refunded_then_refunded_and_never_beyond_the_captured_amount()
    {
        var payment = NewPayment();
        payment.Refund(10m, Now).ShouldBeFalse(); // nothing captured
        payment.Capture("charge.captured", null, Now);

        payment.Refund(30m, Now).ShouldBeTrue();
        payment.Status.ShouldBe(PaymentStatus.PartiallyRefunded);
        payment.Refund(70.01m, Now).ShouldBeFalse();
        payment.Refund(70m, Now).ShouldBeTrue();
        payment.Status.ShouldBe(PaymentStatus.Refunded);
        payment.Refunded.ShouldBe(100m);
        payment.Refund(0.01m, Now).ShouldBeFalse();
    }

    [Fact]
    public void Every_change_bumps_the_version_and_logs_an_event_and_a_log_line_does_not_bump()
    {
        var payment = NewPayment();
        payment.Version.ShouldBe(1);
        payment.Events.Select(e => e.Type).ShouldBe(["charge.requested"]);

        payment.RequireAction("redirect", "/api/payments/test-card/authenticate/x", Now).ShouldBeTrue();
        payment.Capture("webhook.payment.succeeded", "evt_1", Now).ShouldBeTrue();
        payment.Log("webhook.payment.action_required", null, "evt_2", Now);

        payment.Version.ShouldBe(3);
        payment.NextActionUrl.ShouldBeNull();
        payment.Events.Select(e => (e.Type, e.Status)).ShouldBe([
            ("charge.requested", PaymentStatus.Pending),
            ("action.required", PaymentStatus.RequiresAction),
            ("webhook.payment.succeeded", PaymentStatus.Captured),
            ("webhook.payment.action_required", PaymentStatus.Captured),
        ]);
    }
}
