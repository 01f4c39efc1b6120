namespace ModularShop.Plugins.Payments.TestCard;

/// <summary>
/// Settings of the test-card provider (<c>Payments:Providers:test-card</c>). A plain object: the host binds and
/// validates it (<see cref="Validate"/>), the provider only reads it.
/// </summary>
public sealed class TestCardOptions
{
    /// <summary>The smallest secret the provider accepts.</summary>
    public const int MinSecretLength = 16;

    /// <summary>The secret that signs and verifies webhooks (<c>Test-Card-Signature</c>); at least 16 characters.</summary>
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>Secrets that were current before (rotation): deliveries signed with one of them are still accepted.</summary>
    public IList<string> PreviousWebhookSecrets { get; set; } = [];

    /// <summary>How far a delivery's timestamp may be from the shop's clock, either way (default 300 s).</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>What is wrong with these settings, or nothing.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(WebhookSecret) || WebhookSecret.Length < MinSecretLength)
        {
            yield return $"WebhookSecret is required and must have at least {MinSecretLength} characters.";
        }

        if (PreviousWebhookSecrets.Any(s => string.IsNullOrEmpty(s) || s.Length < MinSecretLength))
        {
            yield return $"Each of PreviousWebhookSecrets must have at least {MinSecretLength} characters.";
        }

        if (SignatureTolerance <= TimeSpan.Zero || SignatureTolerance > TimeSpan.FromHours(1))
        {
            yield return "SignatureTolerance must be positive and at most one hour.";
        }
    }
}
