using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Security;

/// <summary>
/// Counts failed logins per normalised e-mail (whether or not such a user exists, so the answer never
/// reveals it) and locks the address for <see cref="UsersOptions.LockoutOptions.Duration"/> after
/// <see cref="UsersOptions.LockoutOptions.MaxFailedAttempts"/> failures in a row. Counting is one atomic
/// upsert, so parallel failures are all counted; login checks the lock while holding its hashing slot, so a
/// parallel burst gets at most the few attempts already hashing past the limit.
/// </summary>
internal sealed class LoginThrottle(UsersDbContext db, IOptions<UsersOptions> options)
{
    private UsersOptions.LockoutOptions Lockout => options.Value.Lockout;

    /// <summary>How long the address is still locked, or <c>null</c>.</summary>
    public async Task<TimeSpan?> LockedForAsync(string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lockedUntil = await db.LoginThrottles.AsNoTracking()
            .Where(t => t.NormalizedEmail == normalizedEmail)
            .Select(t => t.LockedUntil)
            .SingleOrDefaultAsync(cancellationToken);
        return lockedUntil > now ? lockedUntil - now : null;
    }

    public async Task RecordFailureAsync(string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = Lockout.MaxFailedAttempts;
        var lockedUntil = now + Lockout.Duration;
        // Failures older than one lockout period are forgotten: the count starts again at 1.
        var forgetBefore = now - Lockout.Duration;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO users.login_throttles AS t (normalized_email, failures, last_failure_at, locked_until)
            VALUES ({normalizedEmail}, 1, {now}, CASE WHEN 1 >= {max} THEN {lockedUntil} END)
            ON CONFLICT (normalized_email) DO UPDATE SET
                failures = CASE WHEN t.last_failure_at < {forgetBefore} THEN 1 ELSE t.failures + 1 END,
                last_failure_at = {now},
                locked_until = CASE
                    WHEN (CASE WHEN t.last_failure_at < {forgetBefore} THEN 1 ELSE t.failures + 1 END) >= {max} THEN {lockedUntil}
                    ELSE NULL END
            """,
            cancellationToken);
    }

    public Task ResetAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.LoginThrottles.Where(t => t.NormalizedEmail == normalizedEmail).ExecuteDeleteAsync(cancellationToken);
}
