using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModularShop.Payments.Abstractions;
using ModularShop.Payments.Conformance;
using ModularShop.Plugins.Payments.HostedPage;
using ModularShop.Plugins.Payments.TestCard;

namespace ModularShop.Payments.Conformance.Tests;

/// <summary>The test card's sandbox: its test cards, and its Stripe-style signatures computed here, as a provider's
/// own test suite would (the kit never sees the secrets).</summary>
internal sealed class TestCardSandbox(string secret, string previousSecret) : IConformanceSandbox
{
    public IReadOnlyDictionary<string, string?> ApprovingDetails { get; } = Card(TestCardProvider.ApprovedCard);

    public IReadOnlyDictionary<string, string?>? DecliningDetails { get; } = Card(TestCardProvider.DeclinedCard);

    public static Dictionary<string, string?> Card(string number) => new() { ["cardNumber"] = number, ["expiry"] = "12/40", ["cvc"] = "123" };

    public WebhookDelivery? Webhook(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) =>
        Signed(Body(paymentReference, providerReference, amount), at, secret);

    public WebhookDelivery? WebhookWithPreviousSecret(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) =>
        Signed(Body(paymentReference, providerReference, amount), at, previousSecret);

    public WebhookDelivery? Sign(byte[] body, DateTimeOffset at) => Signed(body, at, secret);

    public IDisposable? MalformedReplies() => null; // the test card calls no backend

    public Task<int?> ChargeCountAsync(string paymentReference, CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    private static byte[] Body(string paymentReference, string providerReference, PaymentAmount amount) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = $"evt_{paymentReference}",
            type = "payment.succeeded",
            data = new { paymentReference, providerReference, amount = amount.Amount, currency = amount.Currency },
        });

    private static WebhookDelivery Signed(byte[] body, DateTimeOffset at, string key)
    {
        var t = at.ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes(t.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), payload));
        return new WebhookDelivery(new Dictionary<string, string> { [TestCardProvider.SignatureHeader] = $"t={t},v1={v1}", ["Content-Type"] = "application/json" }, body);
    }
}

/// <summary>The hosted page's sandbox: its own HMAC-SHA512 scheme.</summary>
internal sealed class HostedPageSandbox(string secret, string previousSecret) : IConformanceSandbox
{
    public IReadOnlyDictionary<string, string?> ApprovingDetails { get; } = new Dictionary<string, string?>();

    public IReadOnlyDictionary<string, string?>? DecliningDetails => null; // declines happen on the page, by webhook

    public WebhookDelivery? Webhook(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) =>
        Signed(Body(paymentReference, amount), at, secret);

    public WebhookDelivery? WebhookWithPreviousSecret(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) =>
        Signed(Body(paymentReference, amount), at, previousSecret);

    public WebhookDelivery? Sign(byte[] body, DateTimeOffset at) => Signed(body, at, secret);

    public IDisposable? MalformedReplies() => null;

    public Task<int?> ChargeCountAsync(string paymentReference, CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    private static byte[] Body(string paymentReference, PaymentAmount amount) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        eventId = $"hpevt_{paymentReference}",
        @event = "payment.completed",
        payment = new { reference = paymentReference, amount = amount.Amount, currency = amount.Currency },
    });

    private static WebhookDelivery Signed(byte[] body, DateTimeOffset at, string key)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = Encoding.UTF8.GetBytes(t + "\n").Concat(body).ToArray();
        var signature = "sha512=" + Convert.ToBase64String(HMACSHA512.HashData(Encoding.UTF8.GetBytes(key), payload));
        return new WebhookDelivery(new Dictionary<string, string> { ["HostedPage-Timestamp"] = t, ["HostedPage-Signature"] = signature }, body);
    }
}

/// <summary>The bank transfer's sandbox: nothing to sign, nothing to decline, no backend.</summary>
internal sealed class BankTransferSandbox : IConformanceSandbox
{
    public IReadOnlyDictionary<string, string?> ApprovingDetails { get; } = new Dictionary<string, string?>();

    public IReadOnlyDictionary<string, string?>? DecliningDetails => null;

    public WebhookDelivery? Webhook(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) => null;

    public WebhookDelivery? WebhookWithPreviousSecret(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) => null;

    public WebhookDelivery? Sign(byte[] body, DateTimeOffset at) => null;

    public IDisposable? MalformedReplies() => null;

    public Task<int?> ChargeCountAsync(string paymentReference, CancellationToken cancellationToken) => Task.FromResult<int?>(null);
}
