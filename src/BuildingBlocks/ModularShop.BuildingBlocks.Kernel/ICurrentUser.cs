namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>The caller of the current request, as the validated bearer token says.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The token's <c>sub</c>, when it is a GUID.</summary>
    Guid? UserId { get; }

    bool IsInRole(string role);
}
