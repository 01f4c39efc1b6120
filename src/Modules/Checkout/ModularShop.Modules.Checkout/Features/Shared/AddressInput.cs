using FluentValidation;

namespace ModularShop.Modules.Checkout.Features.Shared;

/// <summary>A postal address in a checkout request (the same fields as the address book's).</summary>
public sealed record AddressInput(
    string? FullName,
    string? Line1,
    string? Line2,
    string? City,
    string? Region,
    string? PostalCode,
    string? Country,
    string? Phone);

internal sealed class AddressInputValidator : AbstractValidator<AddressInput>
{
    public const int Name = 100;
    public const int Line = 200;

    public AddressInputValidator()
    {
        RuleFor(a => a.FullName).NotEmpty().MaximumLength(Name);
        RuleFor(a => a.Line1).NotEmpty().MaximumLength(Line);
        RuleFor(a => a.Line2).MaximumLength(Line);
        RuleFor(a => a.City).NotEmpty().MaximumLength(Name);
        RuleFor(a => a.Region).MaximumLength(Name);
        RuleFor(a => a.PostalCode).NotEmpty().MaximumLength(20);
        RuleFor(a => a.Country).NotEmpty().Matches("^[A-Za-z]{2}$")
            .WithMessage("Must be an ISO 3166-1 alpha-2 country code, e.g. \"US\" or \"DE\".");
        RuleFor(a => a.Phone).MaximumLength(32)
            .Matches(@"^\+?[0-9 ()./-]{4,32}$").When(a => !string.IsNullOrWhiteSpace(a.Phone))
            .WithMessage("Must be a phone number: digits, spaces and + ( ) . / - only.");
    }
}

/// <summary>An address after validation, trimmed, country in upper case.</summary>
internal sealed record CheckoutAddress(
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone)
{
    public static CheckoutAddress From(AddressInput input) => new(
        input.FullName!.Trim(),
        input.Line1!.Trim(),
        Blank(input.Line2),
        input.City!.Trim(),
        Blank(input.Region),
        input.PostalCode!.Trim(),
        input.Country!.Trim().ToUpperInvariant(),
        Blank(input.Phone));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
