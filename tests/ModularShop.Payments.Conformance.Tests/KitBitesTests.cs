using ModularShop.Payments.Abstractions;
using Shouldly;
using Xunit;

namespace ModularShop.Payments.Conformance.Tests;

/// <summary>Every check of the kit can fail: a provider with one fault fails the check for it, with a message naming the
/// fault, and the same provider without the fault passes every check (so the failure is the fault's, not the harness's).</summary>
public sealed class KitBitesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, Func<IPaymentProvider, IConformanceSandbox, Task>> Checks = new()
    {
        ["describes"] = (p, _) => { ProviderConformance.DescribesItself(p); return Task.CompletedTask; },
        ["unsupported"] = (p, s) => ProviderConformance.UnsupportedOperationsAreResultsAsync(p, s, Ct),
        ["idempotency"] = (p, s) => ProviderConformance.SameKeyGivesTheSameOutcomeAsync(p, s, Ct),
        ["refunds"] = (p, s) => ProviderConformance.RefundsNeverExceedTheCaptureAsync(p, s, Ct),
        ["declines"] = (p, s) => ProviderConformance.DeclinesAreResultsAsync(p, s, Ct),
        ["webhooks"] = (p, s) => { ProviderConformance.WebhooksAcceptGenuineAndRefuseForgedDeliveries(p, s); return Task.CompletedTask; },
        ["rotation"] = (p, s) => { ProviderConformance.WebhookSecretRotationIsHonoured(p, s); return Task.CompletedTask; },
        ["malformed"] = (p, s) => ProviderConformance.MalformedInputIsAResultAsync(p, s, Ct),
    };

    public static TheoryData<Fault, string, string> Faults => new()
    {
        { Fault.InconsistentCapabilities, "describes", "PartialRefund needs Refund" },
        { Fault.ThrowsWhenUnsupported, "unsupported", "VoidAsync threw NotSupportedException" },
        { Fault.NewReferenceEveryCall, "idempotency", "AuthorizeAsync with the same idempotency key answered" },
        { Fault.ChargesTwice, "idempotency", "made 2 charges" },
        { Fault.IgnoresWhatIsLeftToRefund, "refunds", "more than was captured" },
        { Fault.ThrowsOnDecline, "declines", "threw InvalidOperationException" },
        { Fault.AcceptsAnySignature, "webhooks", "for a tampered body; expected InvalidSignature" },
        { Fault.AcceptsStaleDeliveries, "webhooks", "two hours ago; expected Stale" },
        { Fault.ForgetsThePreviousSecret, "rotation", "signed with the previous secret was refused" },
        { Fault.ThrowsOnMalformedBody, "malformed", "VerifyWebhook threw" },
        { Fault.TakesGarbageForSuccess, "malformed", "garbage reply from the backend was taken for success" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_fails_its_check_with_a_message_naming_it(Fault fault, string check, string message)
    {
        var backend = new FakeBackend();
        var failure = await Should.ThrowAsync<ConformanceException>(() => Checks[check](new BrokenProvider(fault, backend), new BrokenSandbox(backend)));
        failure.Message.ShouldContain(message);
    }

    [Fact]
    public async Task Without_a_fault_the_same_provider_passes_every_check()
    {
        foreach (var (name, check) in Checks)
        {
            var backend = new FakeBackend();
            await Should.NotThrowAsync(() => check(new BrokenProvider(Fault.None, backend), new BrokenSandbox(backend)), name);
        }
    }
}
