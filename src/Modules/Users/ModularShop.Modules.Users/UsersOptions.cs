namespace ModularShop.Modules.Users;

/// <summary><c>Users:*</c> settings.</summary>
public sealed class UsersOptions
{
    public const string Section = "Users";

    /// <summary>Lifetime of an access token (JWT).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of a refresh token; every refresh issues a new one with a fresh lifetime.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long one instance trusts its cached copy of a user's security state (stamp, block, ended sessions) when
    /// checking tokens. A change made on this instance applies at once; other instances see it within this time.
    /// Zero reads the database on every authenticated request.
    /// </summary>
    public TimeSpan SessionCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>PBKDF2 (HMAC-SHA512) iterations for new hashes; older hashes are upgraded on login.</summary>
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>
    /// The shop's password-hashing budget: at most this many hashes (sign-ins, registrations) per second, whatever the
    /// number of cores — what a credential-stuffing flood can cost the rest of the shop. One hash at the default
    /// iterations takes roughly 0.1–0.3 s of one core.
    /// </summary>
    public double HashesPerSecond { get; set; } = 3;

    /// <summary>How many password hashes may be computed at once (0 = half the processors, at least 1).</summary>
    public int MaxConcurrentHashing { get; set; }

    /// <summary>Sign-ins waiting for the hashing budget beyond this number are answered 429 at once.</summary>
    public int HashingQueueLimit { get; set; } = 100;

    /// <summary>How long a sign-in waits for the hashing budget before it is answered 429.</summary>
    public TimeSpan HashingMaxWait { get; set; } = TimeSpan.FromSeconds(2);

    public LockoutOptions Lockout { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    /// <summary>
    /// Failed sign-ins: after <see cref="MaxFailedAttempts"/> wrong passwords for one e-mail from one client address,
    /// that address may not sign in to that account for <see cref="Duration"/>; after
    /// <see cref="MaxFailedAttemptsPerAccount"/> from all addresses together, no address may.
    /// </summary>
    public sealed class LockoutOptions
    {
        public int MaxFailedAttempts { get; set; } = 5;

        public int MaxFailedAttemptsPerAccount { get; set; } = 50;

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
