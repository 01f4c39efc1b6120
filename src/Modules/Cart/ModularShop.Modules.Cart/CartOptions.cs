namespace ModularShop.Modules.Cart;

/// <summary>Cart settings (<c>Cart:*</c>).</summary>
public sealed class CartOptions
{
    public const string Section = "Cart";

    /// <summary>A timer cannot wait longer than about 49 days; more than a month between purges makes no sense anyway.</summary>
    public static readonly TimeSpan MaxPurgeInterval = TimeSpan.FromDays(30);

    /// <summary>Anonymous carts nobody has read or changed for this long are deleted (users' carts are kept).</summary>
    public TimeSpan AnonymousCartLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the purge of abandoned anonymous carts runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
