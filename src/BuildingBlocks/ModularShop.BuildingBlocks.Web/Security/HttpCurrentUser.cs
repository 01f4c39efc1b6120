using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.BuildingBlocks.Web.Security;

/// <summary><see cref="ICurrentUser"/> from the request's validated bearer token.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? UserId =>
        Guid.TryParse(Principal?.FindFirstValue(ClaimNames.Subject), out var id) && IsAuthenticated ? id : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
}
