using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Security;

/// <summary>
/// Counts failed logins per normalised e-mail (whether or not such a user exists, so the answer never reveals it)
/// twice: per (e-mail, client address), locked for <see cref="UsersOptions.LockoutOptions.Duration"/> after
/// <see cref="UsersOptions.LockoutOptions.MaxFailedAttempts"/> failures, and per e-mail from all clients together,
/// locked only after the much looser <see cref="UsersOptions.LockoutOptions.MaxFailedAttemptsPerAccount"/>. Someone
/// guessing from one address locks out only that address — the owner signs in from theirs — while a guessing
/// campaign spread over many addresses still stops at the account ceiling.
/// <para>
/// Counting is one atomic upsert of both rows, so parallel failures are all counted; login checks the locks while
/// holding its hashing permit, so a parallel burst gets at most the few attempts already hashing past the limit.
/// </para>
/// </summary>
internal sealed class LoginThrottle(UsersDbContext db, IOptions<UsersOptions> options)
{
    /// <summary>The <see cref="LoginThrottleEntry.Client"/> of the row counting an e-mail's failures from every client.</summary>
    public const string AnyClient = "*";

    private UsersOptions.LockoutOptions Lockout => options.Value.Lockout;

    /// <summary>How long logins for the address from <paramref name="client"/> are still locked, or <c>null</c>.</summary>
    public async Task<TimeSpan?> LockedForAsync(string normalizedEmail, string client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lockedUntil = await db.LoginThrottles.AsNoTracking()
            .Where(t => t.NormalizedEmail == normalizedEmail && (t.Client == client || t.Client == AnyClient))
            .MaxAsync(t => t.LockedUntil, cancellationToken);
        return lockedUntil > now ? lockedUntil - now : null;
    }

    public async Task RecordFailureAsync(string normalizedEmail, string client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Both rows are written by one statement, so they must have different keys.
        ArgumentOutOfRangeException.ThrowIfEqual(client, AnyClient);
        var perClient = Lockout.MaxFailedAttempts;
        var perAccount = Lockout.MaxFailedAttemptsPerAccount;
        var lockedUntil = now + Lockout.Duration;
        // Failures older than one lockout period are forgotten: the count starts again at 1.
        var forgetBefore = now - Lockout.Duration;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO users.login_throttles AS t (normalized_email, client, failures, last_failure_at, locked_until)
            VALUES ({normalizedEmail}, {client}, 1, {now}, CASE WHEN 1 >= {perClient} THEN {lockedUntil} END),
                   ({normalizedEmail}, {AnyClient}, 1, {now}, CASE WHEN 1 >= {perAccount} THEN {lockedUntil} END)
            ON CONFLICT (normalized_email, client) DO UPDATE SET
                failures = CASE WHEN t.last_failure_at < {forgetBefore} THEN 1 ELSE t.failures + 1 END,
                last_failure_at = {now},
                locked_until = CASE
                    WHEN (CASE WHEN t.last_failure_at < {forgetBefore} THEN 1 ELSE t.failures + 1 END)
                         >= (CASE WHEN t.client = {AnyClient} THEN {perAccount} ELSE {perClient} END) THEN {lockedUntil}
                    ELSE t.locked_until END
            """,
            cancellationToken);
    }

    /// <summary>A successful login clears its client's count; the account-wide count runs out by itself.</summary>
    public Task ResetAsync(string normalizedEmail, string client, CancellationToken cancellationToken) =>
        db.LoginThrottles.Where(t => t.NormalizedEmail == normalizedEmail && t.Client == client).ExecuteDeleteAsync(cancellationToken);
}
