using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Users.Contracts;

/// <summary>The Users module's synchronous public API for other modules.</summary>
public interface IUsersApi
{
    /// <summary>The user with this id, or <c>null</c> when there is none.</summary>
    Task<UserSummary?> GetUserAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Signs a shopper in with e-mail and password and opens a session (no token leaves the module). The same checks
    /// as <c>POST /api/users/login</c>: validation (400), one 401 for an unknown e-mail and a wrong password, 403 for a
    /// blocked account, 429 when locked out or the hashing budget is spent. <paramref name="clientAddress"/> is the
    /// shopper's address, which the lock-outs count by.
    /// </summary>
    Task<Result<ShopperSession>> SignInAsync(string? email, string? password, string clientAddress, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers a customer (the rules of <c>POST /api/users/register</c>: 400 naming the field, 409 for a taken
    /// e-mail) and opens a session for them.
    /// </summary>
    Task<Result<ShopperSession>> RegisterAsync(string? email, string? password, string? name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The session, when it still holds: the user exists and is not blocked, and the session was neither ended nor
    /// expired. <c>null</c> otherwise — the holder must sign the shopper out.
    /// </summary>
    Task<ShopperSession?> ResumeSessionAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends a session (sign-out); ending one that already ended does nothing.</summary>
    Task EndSessionAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>The user's address book, oldest first (empty for an unknown user).</summary>
    Task<IReadOnlyList<UserAddress>> ListAddressesAsync(Guid userId, CancellationToken cancellationToken = default);
}

/// <summary>A user as other modules see it (no credentials, ever).</summary>
public sealed record UserSummary(Guid Id, string Email, string Name, IReadOnlyList<string> Roles);
