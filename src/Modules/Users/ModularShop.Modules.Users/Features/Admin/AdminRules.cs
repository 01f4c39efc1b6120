using Microsoft.EntityFrameworkCore;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Features.Admin;

/// <summary>The checks every admin action on users makes against the database (role change, block, unblock).</summary>
internal static class AdminRules
{
    /// <summary>Advisory-lock key of role changes and blocks ("MSROLES").</summary>
    private const long RoleChangeLock = 0x4D53524F4C4553;

    /// <summary>
    /// Whether <paramref name="userId"/> is an admin who is not blocked, now. The token was checked against a state up to
    /// <c>Users:SessionCacheDuration</c> old (on another instance): a demoted or blocked admin must not act meanwhile.
    /// </summary>
    public static Task<bool> IsCurrentAdminAsync(this UsersDbContext db, Guid? userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && u.Roles.Contains(UserRoles.Admin) && u.BlockedAt == null, cancellationToken);

    /// <summary>Whether an admin who is not blocked remains besides <paramref name="userId"/>.</summary>
    public static Task<bool> HasAnotherActiveAdminAsync(this UsersDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id != userId && u.Roles.Contains(UserRoles.Admin) && u.BlockedAt == null, cancellationToken);

    /// <summary>
    /// Serialises role changes and blocks for the rest of the transaction, so two admins demoting or blocking each other
    /// at once cannot leave the shop without one.
    /// </summary>
    public static async Task LockAdminChangesAsync(this UsersDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RoleChangeLock})", cancellationToken);
}
