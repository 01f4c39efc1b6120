namespace ModularShop.Modules.Users.Contracts;

/// <summary>The Users module's synchronous public API for other modules.</summary>
public interface IUsersApi
{
    /// <summary>The user with this id, or <c>null</c> when there is none.</summary>
    Task<UserSummary?> GetUserAsync(Guid userId, CancellationToken cancellationToken = default);
}

/// <summary>A user as other modules see it (no credentials, ever).</summary>
public sealed record UserSummary(Guid Id, string Email, string Name, IReadOnlyList<string> Roles);
