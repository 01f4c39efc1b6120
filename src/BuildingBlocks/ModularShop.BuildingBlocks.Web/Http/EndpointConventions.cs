using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Security;

namespace ModularShop.BuildingBlocks.Web.Http;

public static class EndpointConventions
{
    /// <summary>Role <c>admin</c> required; documents the 401 and 403 problem answers.</summary>
    public static RouteHandlerBuilder RequireAdmin(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Any signed-in user; documents the 401 problem answer.</summary>
    public static RouteHandlerBuilder RequireUser(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(Policies.User)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>
    /// Anyone may call, signed in or not; but a request that sends a bearer token which fails validation
    /// (expired, tampered) is a 401, not silently served as anonymous (which would hide the caller's own
    /// resources behind a 404). Documents the 401 problem answer.
    /// </summary>
    public static RouteHandlerBuilder OptionalUser(this RouteHandlerBuilder builder) =>
        builder.AllowAnonymous()
            .AddEndpointFilter(static (context, next) =>
            {
                var http = context.HttpContext;
                return http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true
                    ? ValueTask.FromResult<object?>(new InvalidTokenResult())
                    : next(context);
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>
    /// Reads <c>If-Match</c> (<see cref="ETags.TryReadIfMatch(HttpRequest, out long?)"/>): a value that is not a list of
    /// entity tags is a 400 naming the header; a well-formed tag that is not a current version reaches the handler as
    /// <see cref="ETags.NoVersion"/>, which refuses the change as stale (409).
    /// </summary>
    public static bool TryGetExpectedVersion(this HttpRequest request, out long? version, out IResult? problem)
    {
        problem = null;
        if (ETags.TryReadIfMatch(request, out version))
        {
            return true;
        }

        problem = Kernel.Error.Validation("If-Match", "Must be the one ETag (version) of the resource you read, quoted, e.g. \"3\".").ToProblem();
        return false;
    }

    /// <summary>401 problem details with <c>WWW-Authenticate: Bearer error="invalid_token"</c> (RFC 6750).</summary>
    private sealed class InvalidTokenResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Kernel.Error.Unauthorized("auth.invalid_token", "The bearer token is invalid or expired. Sign in again, or send no token to act anonymously.")
                .ToProblem().ExecuteAsync(httpContext);
        }
    }
}
