namespace ModularShop.Modules.Users.Domain;

/// <summary>
/// A registered user. <see cref="PasswordHash"/> never leaves the Users module: responses, logs and other
/// modules only ever see <see cref="Id"/>, <see cref="Email"/>, <see cref="Name"/> and <see cref="Roles"/>.
/// </summary>
public sealed class User
{
    private User()
    {
        Email = NormalizedEmail = Name = PasswordHash = string.Empty;
        Roles = [];
    }

    public Guid Id { get; private set; }

    /// <summary>The address as the user typed it (trimmed).</summary>
    public string Email { get; private set; }

    /// <summary>Unique, case-insensitive key (<see cref="EmailAddress.Normalize"/>).</summary>
    public string NormalizedEmail { get; private set; }

    public string Name { get; private set; }

    public string PasswordHash { get; private set; }

    public List<string> Roles { get; private set; }

    /// <summary>
    /// Changes whenever what the user's tokens claim stops being true (roles changed, account blocked): an access
    /// token carries the stamp it was issued with, and one with an older stamp is refused.
    /// </summary>
    public Guid SecurityStamp { get; private set; }

    /// <summary>When an admin blocked the account; a blocked user can neither sign in nor use any token.</summary>
    public DateTimeOffset? BlockedAt { get; private set; }

    public bool IsBlocked => BlockedAt is not null;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Everyone who registers is a customer; admins are made only by configuration or another admin.</summary>
    public static User Register(string email, string name, string passwordHash, DateTimeOffset now) =>
        Create(email, name, passwordHash, [UserRoles.Customer], now);

    public static User Create(string email, string name, string passwordHash, IEnumerable<string> roles, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = email.Trim(),
        NormalizedEmail = EmailAddress.Normalize(email),
        Name = name.Trim(),
        PasswordHash = passwordHash,
        Roles = UserRoles.Canonical(roles),
        SecurityStamp = Guid.NewGuid(),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Rename(string name, DateTimeOffset now)
    {
        Name = name.Trim();
        UpdatedAt = now;
    }

    public void ChangePasswordHash(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        UpdatedAt = now;
    }

    /// <summary>Sets the roles; when they change, tokens issued with the old roles stop working.</summary>
    public void SetRoles(IEnumerable<string> roles, DateTimeOffset now)
    {
        var canonical = UserRoles.Canonical(roles);
        if (canonical.SequenceEqual(Roles, StringComparer.Ordinal))
        {
            return;
        }

        Roles = canonical;
        SecurityStamp = Guid.NewGuid();
        UpdatedAt = now;
    }

    /// <summary>Blocks the account: every token it holds stops working (the caller also revokes its refresh tokens).</summary>
    public void Block(DateTimeOffset now)
    {
        if (IsBlocked)
        {
            return;
        }

        BlockedAt = now;
        SecurityStamp = Guid.NewGuid();
        UpdatedAt = now;
    }

    public void Unblock(DateTimeOffset now)
    {
        if (!IsBlocked)
        {
            return;
        }

        BlockedAt = null;
        UpdatedAt = now;
    }
}

public static class UserRoles
{
    public const string Admin = "admin";
    public const string Customer = "customer";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { Admin, Customer };

    /// <summary>Distinct, lower-case, in a stable order.</summary>
    public static List<string> Canonical(IEnumerable<string> roles) =>
        [.. roles.Select(r => r.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>The uniqueness key: trimmed and lower-cased (invariant).</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
