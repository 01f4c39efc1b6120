using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Auth;

/// <summary>
/// The password check every sign-in goes through (the REST login and the storefront's): the hashing budget, the
/// lock-outs, one answer for an unknown e-mail and a wrong password, blocked accounts, hash upgrades. The caller saves
/// the context (a rehashed password is only marked).
/// </summary>
internal sealed class Credentials(UsersDbContext db, Passwords passwords, LoginThrottle throttle, ILogger<Credentials> logger)
{
    /// <summary>One answer for an unknown e-mail and a wrong password, so neither reveals which accounts exist.</summary>
    internal static readonly Error InvalidCredentials =
        Error.Unauthorized("users.invalid_credentials", "The e-mail address or password is wrong.");

    internal static readonly Error AccountBlocked =
        Error.Forbidden("users.account_blocked", "The account is blocked. Contact the shop.");

    private static Error Throttled(TimeSpan lockedFor) => Error.TooManyRequests(
        "users.login_throttled", "Too many failed sign-ins for this account. Wait for the time in Retry-After.", lockedFor);

    /// <summary>The user whose password this is, or why not (401, 403 blocked, 429 locked out or hashing busy).</summary>
    public async Task<Result<User>> VerifyAsync(string email, string password, string client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(email);

        // The hashing slot first: under a flood, the requests that cannot even queue are turned away
        // before they cost a database round trip.
        using var slot = await passwords.WaitForSlotAsync(cancellationToken);
        if (!slot.IsAcquired)
        {
            return Passwords.Busy;
        }

        // Checked with the slot held, so attempts that queued in parallel see a lock set meanwhile.
        if (await throttle.LockedForAsync(normalized, client, now, cancellationToken) is { } lockedFor)
        {
            return Throttled(lockedFor);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        var verification = passwords.Verify(user, password);
        if (user is null || verification == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(normalized, client, now, cancellationToken);
            logger.LogInformation("Failed sign-in (known account: {Known})", user is not null);
            return InvalidCredentials;
        }

        await throttle.ResetAsync(normalized, client, cancellationToken);
        if (user.IsBlocked)
        {
            // Said only to someone who knows the password: it reveals nothing to a guesser.
            return AccountBlocked;
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.ChangePasswordHash(passwords.Hash(password), now);
        }

        return user;
    }
}
