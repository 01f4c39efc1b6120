using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Users.Domain;

namespace ModularShop.Modules.Users.Security;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512 at
/// <see cref="UsersOptions.PasswordIterations"/>). Hashing is deliberately slow, so it is rationed twice: a budget of
/// <see cref="UsersOptions.HashesPerSecond"/> (a token bucket: what a flood may cost the shop, whatever the number of
/// cores) and <see cref="UsersOptions.MaxConcurrentHashing"/> at a time. Requests beyond the budget wait without
/// using a thread, at most <see cref="UsersOptions.HashingMaxWait"/> and at most <see cref="UsersOptions.HashingQueueLimit"/>
/// of them, then are turned away with 429; those that find the queue full are turned away after the same wait. A
/// flood gets slow answers that cost nothing instead of fast ones that cost a request's work each (and come straight
/// back), and never more than the budget's hashes.
/// </summary>
internal sealed class Passwords : IDisposable
{
    private readonly PasswordHasher<User> _hasher;
    private readonly TokenBucketRateLimiter _budget;
    private readonly ConcurrencyLimiter _slots;
    private readonly TimeSpan _maxWait;
    private readonly Lazy<string> _dummyHash;

    public Passwords(IOptions<UsersOptions> options)
    {
        var settings = options.Value;
        _hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = settings.PasswordIterations,
        }));
        var perSecond = settings.HashesPerSecond;
        _budget = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            // One token every 1/rate seconds, and at most one second's worth saved up for a burst.
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / perSecond),
            TokenLimit = Math.Max(1, (int)Math.Ceiling(perSecond)),
            QueueLimit = settings.HashingQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentHashing > 0 ? settings.MaxConcurrentHashing : Math.Max(1, Environment.ProcessorCount / 2),
            QueueLimit = settings.HashingQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _maxWait = settings.HashingMaxWait;
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(Guid.NewGuid().ToByteArray())));
    }

    public static Error Busy => Error.TooManyRequests(
        "users.busy", "Too many sign-ins are being processed. Try again in a moment.", TimeSpan.FromSeconds(1));

    /// <summary>
    /// Waits (at most <see cref="UsersOptions.HashingMaxWait"/>) for a hash from the budget and a hashing slot; the
    /// permit is not acquired when the shop's hashing budget is spent for longer than that or too many already wait.
    /// </summary>
    public async ValueTask<HashingPermit> WaitForSlotAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_maxWait);
        RateLimitLease? budget = null;
        try
        {
            budget = await _budget.AcquireAsync(1, timeout.Token);
            if (!budget.IsAcquired)
            {
                // Too many already wait: refuse, but just as slowly as a wait that ran out. A fast 429 invites the next
                // request at once, and a flood's stream of fast 429s costs the shop more than its hashes do.
                budget.Dispose();
                budget = null;
                await Task.Delay(_maxWait, cancellationToken);
                return HashingPermit.Refused(null);
            }

            // The token is spent either way; the slot only keeps hashes from running in parallel beyond the cores.
            budget.Dispose();
            return new HashingPermit(await _slots.AcquireAsync(1, timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            budget?.Dispose();
            return HashingPermit.Refused(null);
        }
    }

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

    public void Dispose()
    {
        _budget.Dispose();
        _slots.Dispose();
    }
}
