using ModularShop.Payments.Abstractions;
using Xunit;

namespace ModularShop.Payments.Conformance;

/// <summary>
/// Derive from this in your xunit v3 test project, return your provider (configured for its sandbox) and a sandbox:
/// each check of <see cref="ProviderConformance"/> runs as a test. A check the sandbox cannot drive (a null optional
/// member) is reported as skipped with the reason — never as passed.
/// </summary>
public abstract class PaymentProviderConformanceTests
{
    /// <summary>A provider configured for its sandbox (a new one per test is fine: providers are stateless).</summary>
    protected abstract IPaymentProvider CreateProvider();

    /// <summary>The sandbox hooks for that provider.</summary>
    protected abstract IConformanceSandbox CreateSandbox();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>See <see cref="ProviderConformance.DescribesItself"/>.</summary>
    [Fact]
    public Task Describes_itself_consistently() => RunAsync(() => { ProviderConformance.DescribesItself(CreateProvider()); return Task.CompletedTask; });

    /// <summary>See <see cref="ProviderConformance.UnsupportedOperationsAreResultsAsync"/>.</summary>
    [Fact]
    public Task Unsupported_operations_are_results_not_exceptions() =>
        RunAsync(() => ProviderConformance.UnsupportedOperationsAreResultsAsync(CreateProvider(), CreateSandbox(), Ct));

    /// <summary>See <see cref="ProviderConformance.SameKeyGivesTheSameOutcomeAsync"/>.</summary>
    [Fact]
    public Task The_same_idempotency_key_gives_the_same_outcome_and_never_a_second_charge() =>
        RunAsync(() => ProviderConformance.SameKeyGivesTheSameOutcomeAsync(CreateProvider(), CreateSandbox(), Ct));

    /// <summary>See <see cref="ProviderConformance.RefundsNeverExceedTheCaptureAsync"/>.</summary>
    [Fact]
    public Task Refunds_never_exceed_what_was_captured() =>
        RunAsync(() => ProviderConformance.RefundsNeverExceedTheCaptureAsync(CreateProvider(), CreateSandbox(), Ct));

    /// <summary>See <see cref="ProviderConformance.DeclinesAreResultsAsync"/>.</summary>
    [Fact]
    public Task Declines_are_results() =>
        RunAsync(() => ProviderConformance.DeclinesAreResultsAsync(CreateProvider(), CreateSandbox(), Ct));

    /// <summary>See <see cref="ProviderConformance.WebhooksAcceptGenuineAndRefuseForgedDeliveries"/>.</summary>
    [Fact]
    public Task Webhooks_accept_genuine_and_refuse_forged_stale_or_tampered_deliveries() =>
        RunAsync(() => { ProviderConformance.WebhooksAcceptGenuineAndRefuseForgedDeliveries(CreateProvider(), CreateSandbox()); return Task.CompletedTask; });

    /// <summary>See <see cref="ProviderConformance.WebhookSecretRotationIsHonoured"/>.</summary>
    [Fact]
    public Task Webhook_secret_rotation_is_honoured() =>
        RunAsync(() => { ProviderConformance.WebhookSecretRotationIsHonoured(CreateProvider(), CreateSandbox()); return Task.CompletedTask; });

    /// <summary>See <see cref="ProviderConformance.MalformedInputIsAResultAsync"/>.</summary>
    [Fact]
    public Task Malformed_input_and_replies_do_not_throw_out_of_the_provider() =>
        RunAsync(() => ProviderConformance.MalformedInputIsAResultAsync(CreateProvider(), CreateSandbox(), Ct));

    private static async Task RunAsync(Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (ConformanceNotApplicableException e)
        {
            Assert.Skip(e.Message);
        }
    }
}
