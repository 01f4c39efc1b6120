namespace ModularShop.Modules.Users.Domain;

/// <summary>
/// One opaque refresh token, stored only as its SHA-256 hash. Tokens issued from one login form a
/// <see cref="FamilyId"/>: each refresh uses its token up and issues the next one in the family; presenting
/// a used or revoked token again means it leaked, and revokes the whole family.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken()
    {
        TokenHash = [];
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid FamilyId { get; private set; }

    public byte[] TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When it was exchanged for the next token of its family.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static RefreshToken Issue(Guid userId, Guid familyId, byte[] tokenHash, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        FamilyId = familyId,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Used or revoked: presenting it again is a reuse.</summary>
    public bool IsSpent => UsedAt is not null || RevokedAt is not null;
}
