using ModularShop.Modules.Cart.Contracts;

namespace ModularShop.Modules.Storefront.Features.Cart;

/// <summary>
/// The cart as the storefront's client keeps it (its <c>localStorage</c> store is this shape): lines, count, subtotal
/// and the cart's problems. <c>id</c> is null while the shopper has no cart yet.
/// </summary>
public sealed record StorefrontCart(
    Guid? Id,
    IReadOnlyList<StorefrontCartLine> Lines,
    int ItemCount,
    decimal Subtotal,
    string Currency,
    IReadOnlyList<StorefrontCartProblem> Problems,
    long Version)
{
    internal static StorefrontCart Empty(string currency) => new(null, [], 0, 0m, currency, [], 0);

    internal static StorefrontCart From(CartSummary cart) => new(
        cart.Id,
        [.. cart.Lines.Select(l => new StorefrontCartLine(
            l.ItemId, l.ProductId, l.VariantId, l.Name, l.VariantName, l.Image, l.UnitPrice.Amount, l.Quantity, l.LineTotal.Amount, l.Available))],
        cart.Lines.Sum(l => l.Quantity),
        cart.Subtotal.Amount,
        cart.Subtotal.Currency,
        [.. cart.Problems.Select(p => new StorefrontCartProblem(p.Code, p.ItemId, p.Message))],
        cart.Version);
}

/// <summary>One line of <see cref="StorefrontCart"/>; money in the cart's currency.</summary>
public sealed record StorefrontCartLine(
    Guid ItemId,
    Guid ProductId,
    Guid? VariantId,
    string Name,
    string? VariantName,
    string? Image,
    decimal UnitPrice,
    int Quantity,
    decimal LineTotal,
    bool Available);

/// <summary><c>PRICE_CHANGED</c>, <c>INSUFFICIENT_STOCK</c> or <c>UNAVAILABLE</c> for the line <c>itemId</c>.</summary>
public sealed record StorefrontCartProblem(string Code, Guid ItemId, string Message);
