using System.ComponentModel.DataAnnotations;
using ModularShop.Payments.Abstractions;

namespace ExamplePay;

/// <summary>Settings, bound from <c>Payments:Providers:example-pay</c> and validated before the provider is created.</summary>
public sealed class ExamplePayOptions : IValidatableObject
{
    /// <summary>Signs and checks webhooks.</summary>
    [PaymentSecret]
    [Required]
    [MinLength(16)]
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>Secrets still accepted while rotating to <see cref="WebhookSecret"/>.</summary>
    [PaymentSecret]
    public List<string> PreviousWebhookSecrets { get; set; } = [];

    /// <summary>How far a webhook's timestamp may be from the shop's clock.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

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
