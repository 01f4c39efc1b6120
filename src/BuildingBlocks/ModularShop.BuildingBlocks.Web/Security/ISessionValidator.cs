using System.Security.Claims;

namespace ModularShop.BuildingBlocks.Web.Security;

/// <summary>
/// Decides whether a correctly signed, unexpired access token still speaks for its user: the module that issues
/// tokens (Users) implements it, comparing the token's security stamp and session with the user's current state, so
/// a role change, a block or a sign-out ends the token at once instead of when it expires. Called by the JWT bearer
/// handler on every authenticated request; implementations cache briefly. Without an implementation every token is
/// refused.
/// </summary>
public interface ISessionValidator
{
    /// <summary>Why the token no longer counts, or <c>null</c> when it does.</summary>
    ValueTask<string?> RejectReasonAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);
}
