using ModularShop.Payments.Abstractions;

namespace ModularShop.Payments.Conformance;

/// <summary>
/// What the kit needs from your provider's sandbox (test mode) to drive it through every check. Return null from an
/// optional member when your provider cannot do that; the checks that need it are then reported as skipped, not passed.
/// </summary>
public interface IConformanceSandbox
{
    /// <summary><c>payment.details</c> your sandbox approves (a test card number, nothing for a redirect or offline provider).</summary>
    IReadOnlyDictionary<string, string?> ApprovingDetails { get; }

    /// <summary><c>payment.details</c> your sandbox declines; null when it cannot decline (offline, redirect).</summary>
    IReadOnlyDictionary<string, string?>? DecliningDetails { get; }

    /// <summary>A genuine webhook your provider would send about <paramref name="paymentReference"/> (a successful payment),
    /// signed with the current secret at <paramref name="at"/>; null when the provider sends no webhooks.</summary>
    WebhookDelivery? Webhook(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at);

    /// <summary>The same, signed only with a previous secret the provider still accepts during rotation; null when the
    /// provider has no rotation (the rotation check is then skipped).</summary>
    WebhookDelivery? WebhookWithPreviousSecret(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at);

    /// <summary>Arbitrary <paramref name="body"/> bytes signed as your provider signs (current secret, at <paramref name="at"/>),
    /// to check that a genuine signature on a malformed body is refused as malformed, not thrown; null: no webhooks.</summary>
    WebhookDelivery? Sign(byte[] body, DateTimeOffset at);

    /// <summary>Makes your provider's backend answer garbage (broken JSON, wrong fields, an HTML error page) until the
    /// returned handle is disposed; null when the provider calls no backend.</summary>
    IDisposable? MalformedReplies();

    /// <summary>How many charges your backend holds for <paramref name="paymentReference"/>; null when the sandbox
    /// cannot tell (then "never a second charge" is checked by the outcome only).</summary>
    Task<int?> ChargeCountAsync(string paymentReference, CancellationToken cancellationToken);
}

/// <summary>A webhook delivery: headers (the signature among them) and raw body.</summary>
public sealed record WebhookDelivery(IReadOnlyDictionary<string, string> Headers, byte[] Body);
