using Microsoft.AspNetCore.Http;

namespace ModularShop.Modules.Storefront.Security;

/// <summary>
/// Cross-site request forgery defence for the storefront's state-changing endpoints that anonymous, output-cached pages
/// post to (a cached page cannot carry a per-visitor antiforgery token): the request must come from this site, as the
/// browser itself reports it — <c>Sec-Fetch-Site: same-origin</c>, or, from a browser that does not send Fetch
/// Metadata, an <c>Origin</c> equal to this host's. Anything else is 403. Together with SameSite=Lax cookies this is the
/// "verify origin with standard headers" defence of OWASP's CSRF cheat sheet. Pages that are never cached (sign-in,
/// register, account) carry antiforgery tokens as well.
/// </summary>
internal static class SameOriginRequests
{
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || !Uri.TryCreate(origin, UriKind.Absolute, out var originUri))
        {
            return false;
        }

        return string.Equals(originUri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(originUri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Endpoint filter: 403 problem details for a request from another site.</summary>
    public static TBuilder RequireSameOrigin<TBuilder>(this TBuilder builder) where TBuilder : Microsoft.AspNetCore.Builder.IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => IsSameOrigin(context.HttpContext.Request)
            ? await next(context)
            : Results.Problem(
                title: "Forbidden",
                detail: "This request did not come from the shop's own pages.",
                statusCode: StatusCodes.Status403Forbidden));
}
