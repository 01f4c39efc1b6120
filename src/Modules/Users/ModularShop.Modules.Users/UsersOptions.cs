namespace ModularShop.Modules.Users;

/// <summary><c>Users:*</c> settings.</summary>
public sealed class UsersOptions
{
    public const string Section = "Users";

    /// <summary>Lifetime of an access token (JWT).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of a refresh token; every refresh issues a new one with a fresh lifetime.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>PBKDF2 (HMAC-SHA512) iterations for new hashes; older hashes are upgraded on login.</summary>
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>How many password hashes may be computed at once (0 = half the processors, at least 1).</summary>
    public int MaxConcurrentHashing { get; set; }

    /// <summary>Logins waiting for a hashing slot beyond this number are answered 429 at once.</summary>
    public int HashingQueueLimit { get; set; } = 8;

    public LockoutOptions Lockout { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    /// <summary>Per e-mail address: after <see cref="MaxFailedAttempts"/> wrong passwords, logins are refused for <see cref="Duration"/>.</summary>
    public sealed class LockoutOptions
    {
        public int MaxFailedAttempts { get; set; } = 5;

        public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
    }

    /// <summary>Per client address: login and register requests allowed per window.</summary>
    public sealed class RateLimitOptions
    {
        public int PermitLimit { get; set; } = 20;

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }

    /// <summary>The first admin, created at start-up when no user has this e-mail.</summary>
    public sealed class AdminOptions
    {
        public string? Email { get; set; }

        public string? Password { get; set; }

        public string Name { get; set; } = "Administrator";
    }
}
