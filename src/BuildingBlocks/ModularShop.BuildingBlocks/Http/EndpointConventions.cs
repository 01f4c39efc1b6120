using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModularShop.BuildingBlocks.Security;

namespace ModularShop.BuildingBlocks.Http;

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

    /// <summary>Reads <c>If-Match</c>; a value this API never issued is a 400 naming the header.</summary>
    public static bool TryGetExpectedVersion(this HttpRequest request, out long? version, out IResult? problem)
    {
        problem = null;
        if (ETags.TryReadIfMatch(request, out version))
        {
            return true;
        }

        problem = Results.Error.Validation("If-Match", "Must be the ETag (version) of the resource, e.g. \"3\".").ToProblem();
        return false;
    }
}
