namespace ModularShop.Modules.Orders.Domain;

/// <summary>A postal address as the order keeps it (a copy: later changes to the user's address book do not alter it).</summary>
internal sealed record PostalAddress(
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone);
