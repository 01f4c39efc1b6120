namespace ModularShop.Modules.Cart.Domain;

/// <summary>
/// One line of a cart. <see cref="AddedPrice"/> is the price the shopper last agreed to (when the line was
/// added or its quantity changed); a different current price is a <c>PRICE_CHANGED</c> problem. The names
/// are a copy for display, used when the catalog no longer describes the product (e.g. a removed variant).
/// </summary>
internal sealed class CartItem
{
    private CartItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid CartId { get; private set; }

    public Guid ProductId { get; private set; }

    public Guid? VariantId { get; private set; }

    public string Sku { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? VariantName { get; private set; }

    public string? Image { get; private set; }

    public int Quantity { get; private set; }

    public decimal AddedPrice { get; private set; }

    /// <summary>Order of the lines as the shopper added them.</summary>
    public int Position { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>The id the cart's read model knows this line's product or variant by.</summary>
    public Guid SnapshotId => VariantId ?? ProductId;

    public static CartItem Create(Guid cartId, PurchasableItem item, int quantity, int position, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CartId = cartId,
        ProductId = item.ProductId,
        VariantId = item.VariantId,
        Sku = item.Sku,
        Name = item.Name,
        VariantName = item.VariantName,
        Image = item.Image,
        Quantity = quantity,
        AddedPrice = item.Price,
        Position = position,
        AddedAt = now,
    };

    /// <summary>A new quantity the shopper chose, at the current price and description when known.</summary>
    public void Change(int quantity, PurchasableItem? current)
    {
        Quantity = quantity;
        if (current is not null)
        {
            AddedPrice = current.Price;
            Sku = current.Sku;
            Name = current.Name;
            VariantName = current.VariantName;
            Image = current.Image;
        }
    }
}
