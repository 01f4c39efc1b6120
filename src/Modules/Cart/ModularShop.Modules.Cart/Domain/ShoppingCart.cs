using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Cart.Domain;

/// <summary>
/// A shopping cart: anonymous (addressed by its unguessable id) or a user's. Every change bumps
/// <see cref="Version"/> (the ETag). Lines are unique per product/variant; adding the same one again adds to
/// its quantity. Stock and prices come from the catalog (the caller passes what it read there).
/// </summary>
internal sealed class ShoppingCart
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 999;

    private readonly List<CartItem> _items = [];

    private ShoppingCart()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The owner; <c>null</c> for an anonymous cart.</summary>
    public Guid? UserId { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the cart's content last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the cart was last read or changed (anonymous carts untouched for long are purged).</summary>
    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>Set once an anonymous cart was merged into a user's cart; such a cart is gone for everyone.</summary>
    public Guid? MergedIntoId { get; private set; }

    public IReadOnlyList<CartItem> Items => _items;

    public int ItemCount => _items.Sum(i => i.Quantity);

    public static ShoppingCart Create(Guid? userId, DateTimeOffset now) => new()
    {
        // Random (version 4): 122 random bits, so a cart id cannot be guessed from another.
        Id = Guid.NewGuid(),
        UserId = userId,
        Version = 1,
        CreatedAt = now,
        UpdatedAt = now,
        LastSeenAt = now,
    };

    /// <summary>
    /// Whether <paramref name="callerId"/> (null: anonymous) may see this cart: an anonymous cart to whoever
    /// holds its id, a user's cart to that user only, a merged cart to nobody.
    /// </summary>
    public bool IsVisibleTo(Guid? callerId) => MergedIntoId is null && (UserId is null || UserId == callerId);

    public bool IsAtVersion(long? expected) => expected is null || expected == Version;

    public CartItem? FindItem(Guid itemId) => _items.Find(i => i.Id == itemId);

    public CartItem? FindLine(Guid productId, Guid? variantId) =>
        _items.Find(i => i.ProductId == productId && i.VariantId == variantId);

    /// <summary>Adds <paramref name="quantity"/> of a product/variant; the whole line must fit in <paramref name="stock"/>.</summary>
    public Result<CartItem> Add(PurchasableItem item, int quantity, DateTimeOffset now)
    {
        var line = FindLine(item.ProductId, item.VariantId);
        var inCart = line?.Quantity ?? 0;
        var wanted = inCart + quantity;
        if (wanted > MaxQuantity)
        {
            return CartErrors.QuantityLimit(inCart);
        }

        if (wanted > item.Stock)
        {
            return CartErrors.InsufficientStock(item.Name, item.Stock, inCart);
        }

        if (line is null)
        {
            if (_items.Count >= MaxLines)
            {
                return CartErrors.Full;
            }

            line = CartItem.Create(Id, item, quantity, NextPosition(), now);
            _items.Add(line);
        }
        else
        {
            line.Change(wanted, item);
        }

        Touch(now);
        return line;
    }

    /// <summary>
    /// Sets a line's quantity (0 removes it). Raising it needs the stock; lowering it is always allowed, even
    /// when the line still holds more than the stock (the shopper is fixing exactly that).
    /// </summary>
    public Result SetQuantity(Guid itemId, int quantity, PurchasableItem? current, DateTimeOffset now)
    {
        var line = FindItem(itemId);
        if (line is null)
        {
            return CartErrors.ItemNotFound;
        }

        if (quantity == 0)
        {
            _items.Remove(line);
        }
        else
        {
            if (quantity > line.Quantity)
            {
                if (current is null || current.Archived)
                {
                    return CartErrors.Unavailable(line.Name);
                }

                if (quantity > current.Stock)
                {
                    return CartErrors.InsufficientStock(line.Name, current.Stock, line.Quantity);
                }
            }

            line.Change(quantity, current);
        }

        Touch(now);
        return Result.Success();
    }

    public Result Remove(Guid itemId, DateTimeOffset now)
    {
        var line = FindItem(itemId);
        if (line is null)
        {
            return CartErrors.ItemNotFound;
        }

        _items.Remove(line);
        Touch(now);
        return Result.Success();
    }

    /// <summary>Removes the lines <paramref name="itemIds"/> that are still in the cart (a checkout sold them); the rest stays.</summary>
    public void RemoveSold(IReadOnlyCollection<Guid> itemIds, DateTimeOffset now)
    {
        if (_items.RemoveAll(i => itemIds.Contains(i.Id)) > 0)
        {
            Touch(now);
        }
    }

    public void Clear(DateTimeOffset now)
    {
        _items.Clear();
        Touch(now);
    }

    /// <summary>
    /// Moves <paramref name="source"/>'s lines into this cart: quantities add, capped by the current stock
    /// (a line already above the stock is not lowered) and by <see cref="MaxQuantity"/>. Lines the catalog no
    /// longer sells, or has none of, are not carried over. <paramref name="source"/> is marked merged. Refused
    /// (nothing changes) when the result would hold more than <see cref="MaxLines"/> lines.
    /// </summary>
    public Result MergeFrom(ShoppingCart source, Func<Guid, Guid?, PurchasableItem?> catalog, DateTimeOffset now)
    {
        var plan = new List<(PurchasableItem Item, CartItem? Line, int Quantity)>();
        foreach (var incoming in source.Items.OrderBy(i => i.Position))
        {
            var current = catalog(incoming.ProductId, incoming.VariantId);
            if (current is null || current.Archived)
            {
                continue;
            }

            var line = FindLine(incoming.ProductId, incoming.VariantId);
            var inCart = line?.Quantity ?? 0;
            var merged = Math.Min(Math.Min(inCart + incoming.Quantity, Math.Max(current.Stock, inCart)), MaxQuantity);
            if (merged > inCart)
            {
                plan.Add((current, line, merged));
            }
        }

        if (_items.Count + plan.Count(p => p.Line is null) > MaxLines)
        {
            return CartErrors.Full;
        }

        foreach (var (item, line, quantity) in plan)
        {
            if (line is not null)
            {
                line.Change(quantity, item);
            }
            else
            {
                _items.Add(CartItem.Create(Id, item, quantity, NextPosition(), now));
            }
        }

        Touch(now);
        source.MergedIntoId = Id;
        source.Touch(now);
        return Result.Success();
    }

    /// <summary>Records a read (keeps an anonymous cart alive); no new version.</summary>
    public void Seen(DateTimeOffset now) => LastSeenAt = now;

    private int NextPosition() => _items.Count == 0 ? 1 : _items.Max(i => i.Position) + 1;

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        LastSeenAt = now;
    }
}

/// <summary>A product or variant as the catalog describes it right now (the authority on price and stock).</summary>
internal sealed record PurchasableItem(
    Guid ProductId,
    Guid? VariantId,
    string Sku,
    string Name,
    string? VariantName,
    string? Image,
    decimal Price,
    int Stock,
    bool Archived);
