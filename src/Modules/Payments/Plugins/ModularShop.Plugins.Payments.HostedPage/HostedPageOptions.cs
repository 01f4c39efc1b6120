using System.ComponentModel.DataAnnotations;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Plugins.Payments.HostedPage;

/// <summary>Settings, bound from <c>Payments:Providers:hosted-page</c>.</summary>
public sealed class HostedPageOptions : IValidatableObject
{
    /// <summary>Signs and checks webhooks (HMAC-SHA512). At least 16 characters.</summary>
    [PaymentSecret]
    [Required]
    [MinLength(16)]
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>Secrets still accepted while the provider rotates to <see cref="WebhookSecret"/>.</summary>
    [PaymentSecret]
    public List<string> PreviousWebhookSecrets { get; set; } = [];

    /// <summary>How far a webhook's timestamp may be from the shop's clock.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Shown to shoppers.</summary>
    [StringLength(100, MinimumLength = 1)]
    public string DisplayName { get; set; } = "Hosted payment page";

    /// <summary>Test mode: the shop's simulated page stands in for the provider's (the only mode of this sample).</summary>
    public bool TestMode { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PreviousWebhookSecrets.Any(s => s is not { Length: >= 16 }))
        {
            yield return new ValidationResult("PreviousWebhookSecrets must be at least 16 characters each.", [nameof(PreviousWebhookSecrets)]);
        }

        if (SignatureTolerance <= TimeSpan.Zero || SignatureTolerance > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("SignatureTolerance must be positive and at most one hour.", [nameof(SignatureTolerance)]);
        }
    }
}
