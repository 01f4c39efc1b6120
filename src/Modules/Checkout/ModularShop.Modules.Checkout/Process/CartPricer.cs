using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Checkout.Domain;
using ModularShop.Modules.Checkout.Features.Shared;

namespace ModularShop.Modules.Checkout.Process;

/// <summary>
/// Prices a cart for a destination: the lines come from the cart (<see cref="ICartApi"/>), their prices, names and
/// availability from the catalog (<see cref="ICatalogApi"/>, the authority), the rest from <see cref="Pricing"/>.
/// The quote and the checkout both call this, so they agree to the cent.
/// </summary>
internal sealed class CartPricer(ICartApi carts, ICatalogApi catalog, CheckoutRules rules)
{
    /// <summary>Cart codes that stop a checkout (<c>PRICE_CHANGED</c> does not: the current price is what is charged).</summary>
    private static readonly HashSet<string> Blocking = ["INSUFFICIENT_STOCK", "UNAVAILABLE"];

    public async Task<Result<PricedCart>> PriceAsync(Guid cartId, Guid userId, CheckoutAddress shipTo, string shippingMethod, CancellationToken cancellationToken)
    {
        var method = rules.Method(shippingMethod, shipTo.Country);
        if (!method.IsSuccess)
        {
            return method.Error;
        }

        var cart = await carts.GetCartAsync(cartId, userId, cancellationToken);
        if (cart is null)
        {
            return CheckoutErrors.CartNotFound;
        }

        if (cart.Lines.Count == 0)
        {
            return CheckoutErrors.CartEmpty;
        }

        var problems = cart.Problems.Where(p => Blocking.Contains(p.Code))
            .Select(p => Problem(p.Code, cart.Lines.FirstOrDefault(l => l.ItemId == p.ItemId), p.Message))
            .ToList();

        var products = (await catalog.GetProductsAsync([.. cart.Lines.Select(l => l.ProductId).Distinct()], cancellationToken))
            .ToDictionary(p => p.Id);
        var lines = new List<PricingLine>(cart.Lines.Count);
        foreach (var line in cart.Lines)
        {
            products.TryGetValue(line.ProductId, out var product);
            var variant = line.VariantId is { } variantId ? product?.Variants.FirstOrDefault(v => v.Id == variantId) : null;
            if (product is null || product.Archived || (line.VariantId is not null && variant is null))
            {
                if (!problems.Any(p => Equals(p["itemId"], line.ItemId)))
                {
                    problems.Add(Problem("UNAVAILABLE", line, $"{line.Name} is no longer sold."));
                }

                continue;
            }

            lines.Add(new PricingLine(
                product.Id, variant?.Id, variant?.Sku ?? product.Sku, product.Name, variant?.Name, variant?.Price ?? product.Price, line.Quantity));
        }

        if (problems.Count > 0)
        {
            return CheckoutErrors.CartHasProblems(problems);
        }

        var quote = Pricing.Price(lines, method.Value, rules.TaxFor(shipTo.Country, shipTo.Region), rules.Currency);
        return quote.Total.IsStorable
            ? new PricedCart(quote, method.Value, [.. cart.Lines.Select(l => l.ItemId)])
            : CheckoutErrors.TotalTooLarge;
    }

    internal static Dictionary<string, object?> Problem(string code, CartLine? line, string message) => new()
    {
        ["code"] = code,
        ["itemId"] = line?.ItemId,
        ["productId"] = line?.ProductId,
        ["variantId"] = line?.VariantId,
        ["sku"] = line?.Sku,
        ["message"] = message,
    };
}
