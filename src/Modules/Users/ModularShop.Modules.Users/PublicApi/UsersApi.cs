using MediatR;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Users.Contracts;
using ModularShop.Modules.Users.Features.Auth;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.PublicApi;

/// <summary>
/// <see cref="IUsersApi"/>. Sign-in and registration go through MediatR, so validation and the rules are those of the
/// REST endpoints; sessions are refresh-token families (see <see cref="OpenShopperSession"/>).
/// </summary>
internal sealed class UsersApi(UsersDbContext db, IMediator mediator, Tokens tokens, SessionValidator sessions, TimeProvider clock) : IUsersApi
{
    public async Task<UserSummary?> GetUserAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserSummary(u.Id, u.Email, u.Name, u.Roles))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<Result<ShopperSession>> SignInAsync(string? email, string? password, string clientAddress, CancellationToken cancellationToken = default) =>
        mediator.Send(new OpenShopperSession.Command(email, password, clientAddress), cancellationToken);

    public async Task<Result<ShopperSession>> RegisterAsync(string? email, string? password, string? name, CancellationToken cancellationToken = default)
    {
        var registered = await mediator.Send(new Register.Command(email, password, name), cancellationToken);
        if (!registered.IsSuccess)
        {
            return registered.Error;
        }

        var user = await db.Users.SingleAsync(u => u.Id == registered.Value.Id, cancellationToken);
        var session = OpenShopperSession.Open(db, tokens, user, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    public async Task<ShopperSession?> ResumeSessionAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var found = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.BlockedAt == null)
            .Select(u => new
            {
                u.Email,
                u.Name,
                u.Roles,
                ExpiresAt = db.RefreshTokens
                    .Where(t => t.UserId == userId && t.FamilyId == sessionId && t.RevokedAt == null && t.ExpiresAt > now)
                    .Max(t => (DateTimeOffset?)t.ExpiresAt),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found?.ExpiresAt is { } expiresAt
            ? new ShopperSession(userId, sessionId, found.Email, found.Name, found.Roles, expiresAt)
            : null;
    }

    public async Task EndSessionAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await db.RefreshTokens
            .Where(t => t.UserId == userId && t.FamilyId == sessionId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        sessions.Forget(userId);
    }

    public async Task<IReadOnlyList<UserAddress>> ListAddressesAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Addresses.AsNoTracking()
            .Where(a => a.UserId == userId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new UserAddress(a.Id, a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone))
            .ToListAsync(cancellationToken);
}
