using System.Globalization;
using System.Text.Json.Serialization;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Cart.Domain;
using ModularShop.Modules.Cart.ReadModel;

namespace ModularShop.Modules.Cart.Features.Carts;

/// <summary>A cart as API clients see it (API.md → Cart): current catalog prices and what is wrong with it.</summary>
public sealed record CartResponse(
    Guid Id,
    IReadOnlyList<CartItemResponse> Items,
    int ItemCount,
    decimal Subtotal,
    string Currency,
    IReadOnlyList<CartProblemResponse> Problems,
    long Version,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The owning user (<c>null</c>: an anonymous cart), for in-process callers; not part of the REST answer.</summary>
    [JsonIgnore]
    public Guid? OwnerId { get; init; }
}

/// <summary>
/// One line. <c>unitPrice</c> is the catalog's current price; <c>available</c> is false when the line cannot
/// be bought as it is (archived product, removed variant, or more in the cart than in stock).
/// </summary>
public sealed record CartItemResponse(
    Guid Id,
    Guid ProductId,
    Guid? VariantId,
    string Sku,
    string Name,
    string? VariantName,
    string? Image,
    decimal UnitPrice,
    int Quantity,
    decimal LineTotal,
    bool Available);

/// <summary><c>code</c> is <c>PRICE_CHANGED</c>, <c>INSUFFICIENT_STOCK</c> or <c>UNAVAILABLE</c>; <c>itemId</c> names the line.</summary>
public sealed record CartProblemResponse(string Code, Guid ItemId, string Message);

internal static class CartProblemCodes
{
    public const string PriceChanged = "PRICE_CHANGED";
    public const string InsufficientStock = "INSUFFICIENT_STOCK";
    public const string Unavailable = "UNAVAILABLE";
}

/// <summary>Prices a cart against the read model and lists its problems.</summary>
internal static class CartView
{
    public static CartResponse Build(ShoppingCart cart, IReadOnlyDictionary<Guid, ProductSnapshot> products, string currency)
    {
        var items = new List<CartItemResponse>(cart.Items.Count);
        var lineTotals = new List<Money>(cart.Items.Count);
        var problems = new List<CartProblemResponse>();
        foreach (var item in cart.Items.OrderBy(i => i.Position))
        {
            products.TryGetValue(item.SnapshotId, out var product);
            var name = product?.ProductName ?? item.Name;
            var unitPrice = product?.Price ?? item.AddedPrice;
            var available = true;
            if (product is null || product.Archived)
            {
                available = false;
                problems.Add(new(CartProblemCodes.Unavailable, item.Id, $"{Describe(name, product?.VariantName ?? item.VariantName)} is no longer sold."));
            }
            else if (product.Stock < item.Quantity)
            {
                available = false;
                problems.Add(new(CartProblemCodes.InsufficientStock, item.Id, product.Stock == 0
                    ? $"{Describe(name, product.VariantName)} is sold out."
                    : $"Only {product.Stock.ToString(CultureInfo.InvariantCulture)} of {Describe(name, product.VariantName)} in stock; the cart holds {item.Quantity.ToString(CultureInfo.InvariantCulture)}."));
            }

            if (product is not null && product.Price != item.AddedPrice)
            {
                problems.Add(new(CartProblemCodes.PriceChanged, item.Id,
                    $"The price of {Describe(name, product.VariantName)} changed from {Format(item.AddedPrice)} to {Format(product.Price)} {currency}."));
            }

            // Money rules (decision 0004): a line total is exact (price × quantity); the subtotal is the sum of the lines.
            var lineTotal = Money.Of(unitPrice, currency).Times(item.Quantity);
            lineTotals.Add(lineTotal);
            items.Add(new CartItemResponse(
                item.Id,
                item.ProductId,
                item.VariantId,
                product?.Sku ?? item.Sku,
                name,
                product?.VariantName ?? item.VariantName,
                product?.Image ?? item.Image,
                unitPrice,
                item.Quantity,
                lineTotal.Amount,
                available));
        }

        return new CartResponse(
            cart.Id,
            items,
            cart.ItemCount,
            Money.Sum(lineTotals, currency).Amount,
            currency,
            problems,
            cart.Version,
            cart.UpdatedAt)
        {
            OwnerId = cart.UserId,
        };
    }

    private static string Describe(string name, string? variantName) => variantName is null ? name : $"{name} ({variantName})";

    private static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
