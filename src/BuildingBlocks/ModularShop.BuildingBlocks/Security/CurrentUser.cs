using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace ModularShop.BuildingBlocks.Security;

/// <summary>The caller of the current request, as the validated bearer token says.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The token's <c>sub</c>, when it is a GUID.</summary>
    Guid? UserId { get; }

    bool IsInRole(string role);
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? UserId =>
        Guid.TryParse(Principal?.FindFirstValue(ClaimNames.Subject), out var id) && IsAuthenticated ? id : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
}

public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Customer = "customer";
}

public static class Policies
{
    /// <summary>Role <c>admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Any authenticated user.</summary>
    public const string User = "user";
}
