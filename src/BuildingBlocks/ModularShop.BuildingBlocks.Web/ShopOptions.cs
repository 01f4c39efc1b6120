namespace ModularShop.BuildingBlocks.Web;

/// <summary>Shop-wide settings (<c>Shop:*</c>).</summary>
public sealed class ShopOptions
{
    public const string Section = "Shop";

    /// <summary>The shop's one currency (ISO 4217), carried by every response that carries money.</summary>
    public string Currency { get; set; } = "USD";
}
