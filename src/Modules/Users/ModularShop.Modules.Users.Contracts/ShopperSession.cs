namespace ModularShop.Modules.Users.Contracts;

/// <summary>
/// A signed-in shopper's session, for a client of the shop that keeps its own session (the storefront's cookie) instead
/// of holding tokens. <see cref="SessionId"/> names the session in the Users module: ending it there (sign-out, a
/// block) ends it for every holder; it lasts until <see cref="ExpiresAt"/> at most.
/// </summary>
public sealed record ShopperSession(
    Guid UserId,
    Guid SessionId,
    string Email,
    string Name,
    IReadOnlyList<string> Roles,
    DateTimeOffset ExpiresAt);
