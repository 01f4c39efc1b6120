using System.ComponentModel.DataAnnotations;

namespace ModularShop.Plugins.Payments.BankTransfer;

/// <summary>Settings, bound from <c>Payments:Providers:bank-transfer</c>: the account shoppers pay into.</summary>
public sealed class BankTransferOptions : IValidatableObject
{
    /// <summary>Name on the merchant's account.</summary>
    [Required]
    [StringLength(140)]
    public string AccountHolder { get; set; } = string.Empty;

    /// <summary>The merchant's IBAN (spaces allowed).</summary>
    [Required]
    public string Iban { get; set; } = string.Empty;

    /// <summary>The bank's BIC (optional).</summary>
    [RegularExpression("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$", ErrorMessage = "Bic must be 8 or 11 letters and digits (e.g. DEUTDEFF).")]
    public string? Bic { get; set; }

    /// <summary>How long shoppers are told they have to pay, in days. Keep it within the shop's timeout for this provider
    /// (<c>Checkout:PaymentTimeouts:bank-transfer</c>, at most 6 days), which decides what really happens.</summary>
    [Range(1, 6)]
    public int DaysToPay { get; set; } = 5;

    /// <summary>Shown to shoppers.</summary>
    [StringLength(100, MinimumLength = 1)]
    public string DisplayName { get; set; } = "Bank transfer";

    /// <summary>True on a demo or staging shop.</summary>
    public bool TestMode { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Iban) && !IbanCheck.IsValid(Iban))
        {
            yield return new ValidationResult("Iban is not a valid IBAN (country, check digits, account).", [nameof(Iban)]);
        }
    }
}
