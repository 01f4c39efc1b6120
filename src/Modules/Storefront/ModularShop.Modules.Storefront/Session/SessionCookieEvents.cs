using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.Modules.Users.Contracts;

namespace ModularShop.Modules.Storefront.Session;

/// <summary>
/// Every request with a session cookie asks Users whether the session still holds (not signed out elsewhere, the user
/// not blocked or deleted, not expired): a cookie alone never outlives its session. A dead session's cookie is removed.
/// </summary>
internal sealed class SessionCookieEvents : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null
            || !Guid.TryParse(principal.FindFirstValue(StorefrontCookies.UserIdClaim), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(StorefrontCookies.SessionIdClaim), out var sessionId))
        {
            await Reject(context);
            return;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<IUsersApi>();
        var session = await users.ResumeSessionAsync(userId, sessionId, context.HttpContext.RequestAborted);
        if (session is null)
        {
            await Reject(context);
        }
    }

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(StorefrontCookies.Scheme);
    }

    /// <summary>The cookie's principal for a session Users opened.</summary>
    public static ClaimsPrincipal PrincipalFor(ShopperSession session) => new(new ClaimsIdentity(
        [
            new Claim(StorefrontCookies.UserIdClaim, session.UserId.ToString()),
            new Claim(StorefrontCookies.SessionIdClaim, session.SessionId.ToString()),
            new Claim(StorefrontCookies.NameClaim, session.Name),
        ],
        StorefrontCookies.Scheme,
        StorefrontCookies.NameClaim,
        roleType: null));
}
