namespace ModularShop.Modules.Users.Domain;

/// <summary>An entry of a user's address book. Only its owner ever sees it.</summary>
public sealed class Address
{
    private Address()
    {
        FullName = Line1 = City = PostalCode = Country = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string FullName { get; private set; }

    public string Line1 { get; private set; }

    public string? Line2 { get; private set; }

    public string City { get; private set; }

    public string? Region { get; private set; }

    public string PostalCode { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; private set; }

    public string? Phone { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Address Create(Guid userId, AddressDetails details, DateTimeOffset now)
    {
        var address = new Address { Id = Guid.CreateVersion7(now), UserId = userId, CreatedAt = now };
        address.Update(details);
        return address;
    }

    public void Update(AddressDetails details)
    {
        FullName = details.FullName.Trim();
        Line1 = details.Line1.Trim();
        Line2 = NullIfBlank(details.Line2);
        City = details.City.Trim();
        Region = NullIfBlank(details.Region);
        PostalCode = details.PostalCode.Trim();
        Country = details.Country.Trim().ToUpperInvariant();
        Phone = NullIfBlank(details.Phone);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The editable fields of an address.</summary>
public sealed record AddressDetails(
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone);

/// <summary>Maximum lengths of address fields (validation and columns agree).</summary>
public static class AddressLimits
{
    public const int Name = 100;
    public const int Line = 200;
    public const int PostalCode = 20;
    public const int Phone = 32;

    /// <summary>How many addresses one user may keep.</summary>
    public const int PerUser = 20;
}
