using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Checkout.Domain;

/// <summary>A shipping method as configured (<c>Checkout:ShippingMethods</c>).</summary>
/// <param name="FreeOver">Shipping is free when the subtotal is at least this (null: never free).</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes it ships to; empty: everywhere.</param>
public sealed record ShippingMethod(string Code, string Name, Money Price, int EstimatedDays, Money? FreeOver, IReadOnlyCollection<string> Countries)
{
    public bool ShipsTo(string country) => Countries.Count == 0 || Countries.Contains(country, StringComparer.OrdinalIgnoreCase);

    /// <summary>What shipping costs for <paramref name="subtotal"/>.</summary>
    public Money PriceFor(Money subtotal) => FreeOver is not null && subtotal >= FreeOver ? Money.Zero(Price.Currency) : Price;
}

/// <summary>A tax rate (<c>Checkout:TaxRates</c>): for a country, or one region of it (a US state).</summary>
/// <param name="Rate">A fraction: 0.0825 is 8.25 %.</param>
/// <param name="TaxShipping">Whether shipping is taxed too, at the same rate.</param>
public sealed record TaxRate(string Country, string? Region, decimal Rate, bool TaxShipping)
{
    /// <summary>No tax: for a destination without a configured rate.</summary>
    public static TaxRate None(string country) => new(country, null, 0m, false);

    /// <summary>The rate for a destination: its region's, else its country's, else none.</summary>
    public static TaxRate For(IEnumerable<TaxRate> rates, string country, string? region)
    {
        TaxRate? countryWide = null;
        foreach (var rate in rates)
        {
            if (!string.Equals(rate.Country, country, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (rate.Region is null)
            {
                countryWide ??= rate;
            }
            else if (region is not null && string.Equals(rate.Region.Trim(), region.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return rate;
            }
        }

        return countryWide ?? None(country);
    }
}

/// <summary>A line to price: what is bought, at the catalog's current unit price.</summary>
public sealed record PricingLine(Guid ProductId, Guid? VariantId, string Sku, string Name, string? VariantName, Money UnitPrice, int Quantity);

/// <summary>A priced line: <see cref="LineTotal"/> = unit price × quantity, <see cref="Tax"/> its tax rounded to the cent.</summary>
public sealed record PricedLine(Guid ProductId, Guid? VariantId, string Sku, string Name, string? VariantName, Money UnitPrice, int Quantity, Money LineTotal, Money Tax);

/// <summary>The price of an order: every figure a quote shows and an order keeps.</summary>
public sealed record Quote(IReadOnlyList<PricedLine> Lines, Money Subtotal, Money Shipping, Money ShippingTax, Money Tax, Money Total)
{
    public string Currency => Total.Currency;
}

/// <summary>
/// The one pricing function, used by the quote and by the checkout alike (so they agree to the cent). Decision 0004:
/// tax is rounded per line (and on shipping once), totals are sums of rounded figures:
/// subtotal = Σ line totals; shipping = the method's price, or 0 from its free-over threshold on the subtotal;
/// tax = Σ line taxes + shipping tax (when the destination taxes shipping); total = subtotal + shipping + tax.
/// </summary>
public static class Pricing
{
    public static Quote Price(IReadOnlyList<PricingLine> lines, ShippingMethod shipping, TaxRate tax, string currency)
    {
        var priced = lines.Select(l =>
        {
            var lineTotal = l.UnitPrice.Times(l.Quantity);
            return new PricedLine(l.ProductId, l.VariantId, l.Sku, l.Name, l.VariantName, l.UnitPrice, l.Quantity, lineTotal, lineTotal.ApplyRate(tax.Rate));
        }).ToList();
        var subtotal = Money.Sum(priced.Select(l => l.LineTotal), currency);
        var shippingPrice = shipping.PriceFor(subtotal);
        var shippingTax = tax.TaxShipping ? shippingPrice.ApplyRate(tax.Rate) : Money.Zero(currency);
        var totalTax = Money.Sum(priced.Select(l => l.Tax), currency) + shippingTax;
        return new Quote(priced, subtotal, shippingPrice, shippingTax, totalTax, subtotal + shippingPrice + totalTax);
    }
}
