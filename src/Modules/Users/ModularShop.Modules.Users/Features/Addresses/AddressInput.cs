using FluentValidation;
using ModularShop.Modules.Users.Domain;

namespace ModularShop.Modules.Users.Features.Addresses;

/// <summary>The body of add and update.</summary>
public interface IAddressInput
{
    string? FullName { get; }

    string? Line1 { get; }

    string? Line2 { get; }

    string? City { get; }

    string? Region { get; }

    string? PostalCode { get; }

    string? Country { get; }

    string? Phone { get; }
}

/// <summary><c>Address + {id}</c>.</summary>
public sealed record AddressResponse(
    Guid Id,
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone)
{
    internal static AddressResponse From(Address a) =>
        new(a.Id, a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone);
}

internal abstract class AddressInputValidator<T> : AbstractValidator<T>
    where T : IAddressInput
{
    protected AddressInputValidator()
    {
        Required(a => a.FullName, AddressLimits.Name);
        Required(a => a.Line1, AddressLimits.Line);
        RuleFor(a => a.Line2).MaximumLength(AddressLimits.Line);
        Required(a => a.City, AddressLimits.Name);
        RuleFor(a => a.Region).MaximumLength(AddressLimits.Name);
        Required(a => a.PostalCode, AddressLimits.PostalCode);
        RuleFor(a => a.Country).NotEmpty()
            .Must(Countries.IsIso3166Alpha2).WithMessage("Must be an ISO 3166-1 alpha-2 country code, e.g. \"DE\" or \"US\".");
        RuleFor(a => a.Phone).MaximumLength(AddressLimits.Phone)
            .Matches(@"^\+?[0-9 ()./-]{4,32}$").When(a => !string.IsNullOrWhiteSpace(a.Phone))
            .WithMessage("Must be a phone number: digits, spaces and + ( ) . / - only.");
    }

    private void Required(System.Linq.Expressions.Expression<Func<T, string?>> field, int maxLength) =>
        RuleFor(field).NotEmpty().WithMessage("Must not be empty.").MaximumLength(maxLength);
}

internal static class AddressInputExtensions
{
    /// <summary>Only after validation: required fields are present.</summary>
    public static AddressDetails ToDetails(this IAddressInput input) => new(
        input.FullName!, input.Line1!, input.Line2, input.City!, input.Region, input.PostalCode!, input.Country!, input.Phone);
}
