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

    /// <summary>How many carts may be created per <see cref="CreateRateLimitOptions.Window"/> (<c>POST /api/carts</c>).</summary>
    public CreateRateLimitOptions CreateRateLimit { get; set; } = new();

    /// <summary>
    /// Limits on creating carts (<c>Cart:CreateRateLimit:*</c>), fixed windows: without a token per client address (a
    /// cart is a row anyone can make, and anonymous ones live for <see cref="AnonymousCartLifetime"/>), with a token per
    /// user — looser, as the account is known and its tokens come from a rate-limited sign-in.
    /// </summary>
    public sealed class CreateRateLimitOptions
    {
        public int AnonymousPermitLimit { get; set; } = 30;

        public int UserPermitLimit { get; set; } = 60;

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }
}
