namespace ModularShop.Modules.Storefront.Components.Shared;

/// <summary>
/// What the cart page says after a form post that failed (<c>/cart?notice=code</c>): only these fixed texts, so a link
/// cannot make the shop's page say something else.
/// </summary>
internal static class CartNotices
{
    public static string? Describe(string code) => code switch
    {
        "out_of_stock" => "There is not enough in stock for that quantity.",
        "unavailable" => "That product is no longer sold.",
        "not_found" => "That product or cart line does not exist any more.",
        "choose_variant" => "Choose a variant first.",
        "invalid" => "That quantity is not possible (1–999).",
        "full" => "Your cart is full.",
        "busy" => "The cart was changed at the same time; try again.",
        "error" => "That did not work; try again.",
        _ => null,
    };

    /// <summary>The notice code of a failed cart command.</summary>
    public static string CodeFor(ModularShop.BuildingBlocks.Kernel.Error error) => error.Code switch
    {
        "cart.insufficient_stock" or "cart.quantity_limit" => "out_of_stock",
        "cart.unavailable" => "unavailable",
        "cart.product_not_found" or "cart.variant_not_found" or "cart.item_not_found" or "cart.not_found" => "not_found",
        "cart.full" => "full",
        _ when error.Fields?.ContainsKey("variantId") == true => "choose_variant",
        _ when error.Fields is { Count: > 0 } => "invalid",
        _ when error.Kind == ModularShop.BuildingBlocks.Kernel.ErrorKind.Conflict => "busy",
        _ => "error",
    };
}
