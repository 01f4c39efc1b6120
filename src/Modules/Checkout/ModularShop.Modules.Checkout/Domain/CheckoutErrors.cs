using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Checkout.Domain;

public static class CheckoutErrors
{
    public static readonly Error CartNotFound = Error.NotFound("checkout.cart_not_found", "There is no such cart, or it is not yours.");

    public static readonly Error CartEmpty = Error.Conflict("checkout.cart_empty", "The cart is empty: there is nothing to buy.");

    public static readonly Error TotalTooLarge = Error.Conflict("checkout.total_too_large", "The order total is larger than the shop can take in one order.");

    public static readonly Error Abandoned = Error.Conflict(
        "checkout.abandoned",
        "This checkout was interrupted before its payment completed and has been undone: nothing was charged and the stock went back. Start again with a new Idempotency-Key.");

    public static readonly Error IdempotencyKeyRequired = Error.Validation(
        "Idempotency-Key", "Required: send a unique key (a UUID) per purchase, and the same key when you retry it, so that it is never charged twice.");

    /// <summary>409 listing the cart lines that cannot be sold (<c>problems</c>: code, itemId, productId, variantId, sku, message).</summary>
    public static Error CartHasProblems(IReadOnlyList<IReadOnlyDictionary<string, object?>> problems) =>
        Error.Conflict("checkout.cart_has_problems", "Some lines of the cart cannot be sold as they are; see problems, fix the cart and try again.")
            with
        { Extensions = new Dictionary<string, object?> { ["problems"] = problems } };

    /// <summary>409 naming the lines the stock could not cover (nothing was reserved).</summary>
    public static Error InsufficientStock(IReadOnlyList<IReadOnlyDictionary<string, object?>> problems) =>
        Error.Conflict("checkout.insufficient_stock", "Not enough stock for some lines (see problems); nothing was reserved or charged.")
            with
        { Extensions = new Dictionary<string, object?> { ["problems"] = problems } };
}
