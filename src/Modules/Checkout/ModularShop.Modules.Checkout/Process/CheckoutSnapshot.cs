using System.Text.Json;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Checkout.Domain;
using ModularShop.Modules.Checkout.Features.Shared;

namespace ModularShop.Modules.Checkout.Process;

/// <summary>What a checkout sells, as priced when it started: stored with the process (JSON), so that a resumed
/// checkout places exactly what was reserved and charged.</summary>
internal sealed record CheckoutSnapshot(
    IReadOnlyList<SnapshotLine> Lines,
    decimal Subtotal,
    decimal Shipping,
    decimal Tax,
    decimal Total,
    string Currency,
    CheckoutAddress ShippingAddress,
    CheckoutAddress BillingAddress,
    string ShippingMethod,
    string Provider,
    IReadOnlyList<Guid> CartItemIds)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CheckoutSnapshot Of(PricedCart cart, CheckoutAddress shipTo, CheckoutAddress billTo, string provider) => new(
        [.. cart.Quote.Lines.Select(l => new SnapshotLine(l.ProductId, l.VariantId, l.Sku, l.Name, l.VariantName, l.UnitPrice.Amount, l.Quantity, l.LineTotal.Amount, l.Tax.Amount))],
        cart.Quote.Subtotal.Amount,
        cart.Quote.Shipping.Amount,
        cart.Quote.Tax.Amount,
        cart.Quote.Total.Amount,
        cart.Quote.Currency,
        shipTo,
        billTo,
        cart.Method.Code,
        provider,
        cart.CartItemIds);

    public Money Money(decimal amount) => BuildingBlocks.Kernel.Money.Of(amount, Currency);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static CheckoutSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<CheckoutSnapshot>(json, Json) ?? throw new InvalidOperationException("An empty checkout snapshot.");
}

internal sealed record SnapshotLine(Guid ProductId, Guid? VariantId, string Sku, string Name, string? VariantName, decimal UnitPrice, int Quantity, decimal LineTotal, decimal Tax);

/// <summary>A cart priced for a destination and shipping method.</summary>
internal sealed record PricedCart(Quote Quote, ShippingMethod Method, IReadOnlyList<Guid> CartItemIds);
