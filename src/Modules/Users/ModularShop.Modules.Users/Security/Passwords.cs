using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Users.Domain;

namespace ModularShop.Modules.Users.Security;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512 at
/// <see cref="UsersOptions.PasswordIterations"/>). Hashing is deliberately slow, so it runs behind a
/// concurrency limiter: a flood of logins queues for a few hashing slots (and is turned away with 429 once
/// the queue is full) instead of taking every core from the rest of the shop.
/// </summary>
internal sealed class Passwords : IDisposable
{
    private readonly PasswordHasher<User> _hasher;
    private readonly ConcurrencyLimiter _slots;
    private readonly Lazy<string> _dummyHash;

    public Passwords(IOptions<UsersOptions> options)
    {
        var settings = options.Value;
        _hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = settings.PasswordIterations,
        }));
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentHashing > 0 ? settings.MaxConcurrentHashing : Math.Max(1, Environment.ProcessorCount / 2),
            QueueLimit = settings.HashingQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(Guid.NewGuid().ToByteArray())));
    }

    public static Error Busy => Error.TooManyRequests(
        "users.busy", "Too many sign-ins are being processed. Try again in a moment.", TimeSpan.FromSeconds(1));

    /// <summary>Waits for a hashing slot; the lease is not acquired when too many are already waiting.</summary>
    public ValueTask<RateLimitLease> WaitForSlotAsync(CancellationToken cancellationToken) =>
        _slots.AcquireAsync(1, cancellationToken);

    // PasswordHasher ignores its user argument; the hash is a function of the password and a random salt.
    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>
    /// Verifies <paramref name="password"/> against <paramref name="user"/>'s hash. Without a user it
    /// verifies against a dummy hash and fails, so an unknown e-mail costs exactly as long as a wrong password.
    /// </summary>
    public PasswordVerificationResult Verify(User? user, string password)
    {
        if (user is null)
        {
            _hasher.VerifyHashedPassword(null!, _dummyHash.Value, password);
            return PasswordVerificationResult.Failed;
        }

        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
    }

    public void Dispose() => _slots.Dispose();
}
