namespace ModularShop.Modules.Users.Contracts;

/// <summary>An entry of a user's address book (API.md → Users → addresses).</summary>
public sealed record UserAddress(
    Guid Id,
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone);
