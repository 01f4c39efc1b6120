namespace ModularShop.BuildingBlocks.Web.Security;

/// <summary>Authorization policies endpoints require (<c>RequireAdmin()</c>, <c>RequireUser()</c>).</summary>
public static class Policies
{
    /// <summary>Role <c>admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Any authenticated user.</summary>
    public const string User = "user";
}
