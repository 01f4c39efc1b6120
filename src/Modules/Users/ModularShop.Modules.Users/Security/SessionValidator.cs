using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Security;

/// <summary>
/// Checks every authenticated request's token against the user's current state: the user exists and is not
/// blocked, the token's security stamp (<c>sst</c>) is the user's current one — it changes with the roles, so a
/// demoted admin's token stops working at once — and its session (<c>sid</c>, the refresh-token family) was not
/// ended by a sign-out or a detected token reuse.
/// <para>
/// The state is read with two indexed queries and cached per user for <see cref="UsersOptions.SessionCacheDuration"/>;
/// this instance evicts its entry as soon as it changes the state (<see cref="Forget"/>), so on one instance a change
/// applies to the next request and other instances see it within the cache duration.
/// </para>
/// </summary>
internal sealed class SessionValidator(
    IMemoryCache cache,
    IServiceScopeFactory scopes,
    IOptions<UsersOptions> options,
    TimeProvider clock) : ISessionValidator
{
    public async ValueTask<string?> RejectReasonAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimNames.Subject), out var userId)
            || !Guid.TryParseExact(principal.FindFirstValue(ClaimNames.SecurityStamp), "N", out var stamp)
            || !Guid.TryParseExact(principal.FindFirstValue(ClaimNames.SessionId), "N", out var sessionId))
        {
            return "The token carries no security stamp or session.";
        }

        var state = await GetStateAsync(userId, cancellationToken);
        return state switch
        {
            null => "The user no longer exists.",
            { Blocked: true } => "The account is blocked.",
            _ when state.Stamp != stamp => "The user's roles or security state changed since the token was issued; refresh it.",
            _ when state.EndedSessions.Contains(sessionId) => "The session was signed out.",
            _ => null,
        };
    }

    /// <summary>Drops the cached state of <paramref name="userId"/>; call it after committing a change to it.</summary>
    public void Forget(Guid userId)
    {
        // First the generation, then the entry: a load that read the old state and finishes after this will see the
        // generation moved and not cache what it read.
        Interlocked.Increment(ref _generation);
        cache.Remove(new CacheKey(userId));
    }

    /// <summary>Counts <see cref="Forget"/> calls (any user): a state loaded across one is used once, not cached.</summary>
    private long _generation;

    private async ValueTask<UserSessionState?> GetStateAsync(Guid userId, CancellationToken cancellationToken)
    {
        var key = new CacheKey(userId);
        if (cache.TryGetValue(key, out UserSessionState? cached))
        {
            return cached;
        }

        var generation = Interlocked.Read(ref _generation);
        var state = await LoadAsync(userId, cancellationToken);
        var duration = options.Value.SessionCacheDuration;
        if (duration > TimeSpan.Zero && Interlocked.Read(ref _generation) == generation)
        {
            cache.Set(key, state, duration);
        }

        return state;
    }

    private async Task<UserSessionState?> LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.BlockedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        // Only sessions ended recently enough to still have unexpired access tokens matter.
        var since = clock.GetUtcNow() - options.Value.AccessTokenLifetime - TimeSpan.FromMinutes(1);
        var ended = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.RevokedAt > since)
            .Select(t => t.FamilyId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return new UserSessionState(user.SecurityStamp, user.BlockedAt is not null, [.. ended]);
    }

    private readonly record struct CacheKey(Guid UserId);

    private sealed record UserSessionState(Guid Stamp, bool Blocked, HashSet<Guid> EndedSessions);
}
