using System.Net.Mail;
using FluentValidation;
using ModularShop.Modules.Users.Domain;

namespace ModularShop.Modules.Users.Features.Auth;

internal static class CredentialRules
{
    /// <summary>A single plausible address: <c>local@domain.tld</c>, at most 254 characters, no display name.</summary>
    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .MaximumLength(EmailAddress.MaxLength)
            .Must(IsPlausibleEmail).WithMessage("Must be a valid e-mail address.");

    /// <summary>
    /// <see cref="PasswordRules.Check"/>; <c>NotNull</c> and <c>Length</c> say the same in a form the OpenAPI document
    /// publishes (required, 8–128), with the same message, which the validation behaviour reports once.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ValidPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotNull().WithMessage((_, p) => PasswordRules.Check(p) ?? string.Empty)
            .Length(PasswordRules.MinLength, PasswordRules.MaxLength).WithMessage((_, p) => PasswordRules.Check(p) ?? string.Empty)
            .Must(p => PasswordRules.Check(p) is null).WithMessage((_, p) => PasswordRules.Check(p) ?? string.Empty);

    internal static bool IsPlausibleEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.DisplayName.Length == 0
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.');
    }
}
