namespace ModularShop.Modules.Catalog.Domain.Products;

/// <summary>A purchasable variant (e.g. Size M / Blue) with its own sku, price and stock.</summary>
public sealed class ProductVariant
{
    private ProductVariant()
    {
        Name = Sku = string.Empty;
        Options = new Dictionary<string, string>();
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    public string Name { get; private set; }

    public Dictionary<string, string> Options { get; private set; }

    public decimal Price { get; private set; }

    /// <summary>Units in stock, as loaded; set at creation, then changed only by Catalog's stock statements.</summary>
    public int Stock { get; private set; }

    public string Sku { get; private set; }

    /// <summary>Display order within the product.</summary>
    public int Position { get; private set; }

    internal static ProductVariant Create(Guid productId, VariantDraft draft, decimal productPrice, int position, DateTimeOffset now)
    {
        var variant = new ProductVariant { Id = Guid.CreateVersion7(now), ProductId = productId, Stock = draft.Stock ?? 0 };
        variant.Apply(draft, productPrice, position);
        return variant;
    }

    internal void Apply(VariantDraft draft, decimal productPrice, int position)
    {
        Name = draft.Name;
        Options = new Dictionary<string, string>(draft.Options);
        Price = draft.Price ?? productPrice;
        Sku = draft.Sku;
        Position = position;
    }
}
