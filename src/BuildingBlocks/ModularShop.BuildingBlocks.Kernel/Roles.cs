namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>The roles API.md knows: everyone who registers is a <c>customer</c>; <c>admin</c> is granted.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Customer = "customer";
}
