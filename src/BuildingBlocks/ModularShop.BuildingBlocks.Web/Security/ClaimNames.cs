namespace ModularShop.BuildingBlocks.Web.Security;

/// <summary>The claims of the shop's access tokens.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";
}
