namespace ModularShop.BuildingBlocks.Web.Security;

/// <summary>The claims of the shop's access tokens.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";

    /// <summary>The user's security stamp when the token was issued; it changes when roles change or the account is blocked.</summary>
    public const string SecurityStamp = "sst";

    /// <summary>The sign-in session (refresh-token family) the token belongs to; signing out ends it.</summary>
    public const string SessionId = "sid";
}
