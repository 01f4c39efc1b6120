using System.Globalization;
using System.Text.Json;
using ModularShop.Payments.Abstractions;
using ModularShop.Payments.Conformance;

namespace ExamplePay.Tests;

/// <summary>Every check the shop relies on, run against <see cref="ExamplePayProvider"/> (the kit's tests are inherited).</summary>
public sealed class ExamplePayConformanceTests : PaymentProviderConformanceTests
{
    internal const string Secret = "whsec_examplepay_current_0001";
    internal const string Previous = "whsec_examplepay_previous_001";

    protected override IPaymentProvider CreateProvider() =>
        new ExamplePayProvider(new ExamplePayOptions { WebhookSecret = Secret, PreviousWebhookSecrets = [Previous] });

    protected override IConformanceSandbox CreateSandbox() => new ExamplePaySandbox();
}

/// <summary>The sandbox hooks: test cards, and webhooks signed the way ExamplePay signs them.</summary>
internal sealed class ExamplePaySandbox : IConformanceSandbox
{
    public IReadOnlyDictionary<string, string?> ApprovingDetails { get; } = Card(ExamplePayProvider.ApprovedCard);

    public IReadOnlyDictionary<string, string?>? DecliningDetails { get; } = Card(ExamplePayProvider.DeclinedCard);

    public WebhookDelivery? Webhook(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) =>
        Signed(Body(paymentReference, amount), at, ExamplePayConformanceTests.Secret);

    public WebhookDelivery? WebhookWithPreviousSecret(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) =>
        Signed(Body(paymentReference, amount), at, ExamplePayConformanceTests.Previous);

    public WebhookDelivery? Sign(byte[] body, DateTimeOffset at) => Signed(body, at, ExamplePayConformanceTests.Secret);

    // When your provider calls a real API, switch its sandbox client to garbage answers here (e.g. a test HttpMessageHandler).
    public IDisposable? MalformedReplies() => null;

    // When your sandbox can list charges, count those of the payment here.
    public Task<int?> ChargeCountAsync(string paymentReference, CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    private static Dictionary<string, string?> Card(string number) => new() { ["cardNumber"] = number, ["expiry"] = "12/40", ["cvc"] = "123" };

    private static byte[] Body(string paymentReference, PaymentAmount amount) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = "evt_" + paymentReference,
        type = "payment.succeeded",
        paymentReference,
        amount = amount.Amount,
        currency = amount.Currency,
    });

    private static WebhookDelivery Signed(byte[] body, DateTimeOffset at, string secret)
    {
        var t = at.ToUnixTimeSeconds();
        var header = $"t={t.ToString(CultureInfo.InvariantCulture)},v1={ExamplePayProvider.Sign(secret, t, body)}";
        return new WebhookDelivery(new Dictionary<string, string> { [ExamplePayProvider.SignatureHeader] = header }, body);
    }
}
