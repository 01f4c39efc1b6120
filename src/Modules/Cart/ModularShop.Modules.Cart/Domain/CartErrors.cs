using System.Globalization;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Cart.Domain;

internal static class CartErrors
{
    public static readonly Error CartNotFound = Error.NotFound("cart.not_found", "There is no such cart.");

    public static readonly Error ItemNotFound = Error.NotFound("cart.item_not_found", "The cart has no such item.");

    public static readonly Error ProductNotFound = Error.NotFound("cart.product_not_found", "There is no such product.");

    public static readonly Error VariantNotFound = Error.NotFound("cart.variant_not_found", "The product has no such variant.");

    public static readonly Error Full = Error.Conflict("cart.full", $"A cart holds at most {ShoppingCart.MaxLines} different items.");

    public static readonly Error MergeIntoItself = Error.Conflict("cart.merge_into_itself", "This is already your cart; there is nothing to merge.");

    public static Error Unavailable(string name) =>
        Error.Conflict("cart.unavailable", $"{name} is no longer sold.");

    public static Error InsufficientStock(string name, int stock, int inCart) =>
        Error.Conflict("cart.insufficient_stock", inCart == 0
            ? $"Only {Count(stock)} of {name} in stock."
            : $"Only {Count(stock)} of {name} in stock, and the cart already holds {Count(inCart)}.");

    public static Error QuantityLimit(int inCart) =>
        Error.Conflict("cart.quantity_limit", $"A line holds at most {ShoppingCart.MaxQuantity}; the cart already holds {Count(inCart)}.");

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
