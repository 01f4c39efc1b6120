namespace ModularShop.Modules.Checkout;

/// <summary>
/// Checkout settings (<c>Checkout:*</c>). Shipping methods and tax rates are lists: when the configuration names none,
/// the defaults below apply (so the demo shop sells out of the box); when it names some, they replace the defaults.
/// </summary>
public sealed class CheckoutOptions
{
    public const string Section = "Checkout";

    /// <summary>An order waiting for its payment (3-D Secure) is cancelled, and its stock released, after this.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Per payment provider code, a timeout that replaces <see cref="PaymentTimeout"/> (e.g. <c>bank-transfer</c>:
    /// <c>5.00:00:00</c>: a shopper needs days, not minutes, to make a transfer). The stock stays reserved as long; at most 6 days.
    /// </summary>
    public Dictionary<string, TimeSpan> PaymentTimeouts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long an order paid with <paramref name="provider"/> may wait for its money.</summary>
    public TimeSpan PaymentTimeoutFor(string provider) =>
        PaymentTimeouts.TryGetValue(provider, out var timeout) ? timeout : PaymentTimeout;

    /// <summary>
    /// A checkout interrupted mid-way (a crash, a client that gave up) and not retried is finished (when it was paid)
    /// or undone (stock released, an uncertain charge voided) this long after its last step.
    /// </summary>
    public TimeSpan ResumeAfter { get; set; } = TimeSpan.FromMinutes(5);

    public List<ShippingMethodOptions> ShippingMethods { get; set; } = [];

    public List<TaxRateOptions> TaxRates { get; set; } = [];

    /// <summary><c>POST /api/checkout</c> per user, fixed window.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    public sealed class ShippingMethodOptions
    {
        public string Code { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public decimal Price { get; set; }

        public int EstimatedDays { get; set; }

        /// <summary>Free from this subtotal on; null: never free.</summary>
        public decimal? FreeOver { get; set; }

        /// <summary>ISO 3166-1 alpha-2 codes; empty: everywhere.</summary>
        public List<string> Countries { get; set; } = [];
    }

    public sealed class TaxRateOptions
    {
        public string Country { get; set; } = string.Empty;

        /// <summary>A region of the country (a US state: <c>CA</c>); null: the whole country.</summary>
        public string? Region { get; set; }

        /// <summary>A fraction: 0.0725 is 7.25 %.</summary>
        public decimal Rate { get; set; }

        public bool TaxShipping { get; set; }
    }

    public sealed class RateLimitOptions
    {
        public int PermitLimit { get; set; } = 10;

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }

    internal static List<ShippingMethodOptions> DefaultShippingMethods() =>
    [
        new() { Code = "standard", Name = "Standard (3–5 business days)", Price = 4.99m, EstimatedDays = 5, FreeOver = 50m },
        new() { Code = "express", Name = "Express (1–2 business days)", Price = 14.99m, EstimatedDays = 2, Countries = ["US", "CA", "GB", "DE", "FR", "NL"] },
        new() { Code = "overnight", Name = "Overnight", Price = 29.99m, EstimatedDays = 1, Countries = ["US"] },
    ];

    internal static List<TaxRateOptions> DefaultTaxRates() =>
    [
        new() { Country = "US", Region = "CA", Rate = 0.0725m, TaxShipping = false },
        new() { Country = "US", Region = "NY", Rate = 0.04m, TaxShipping = true },
        new() { Country = "US", Region = "TX", Rate = 0.0625m, TaxShipping = true },
        new() { Country = "US", Region = "WA", Rate = 0.065m, TaxShipping = true },
        new() { Country = "CA", Rate = 0.05m, TaxShipping = true },
        new() { Country = "GB", Rate = 0.20m, TaxShipping = true },
        new() { Country = "DE", Rate = 0.19m, TaxShipping = true },
        new() { Country = "FR", Rate = 0.20m, TaxShipping = true },
        new() { Country = "NL", Rate = 0.21m, TaxShipping = true },
    ];
}
