using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Checkout.Domain;

/// <summary>The shop's shipping methods and tax rates, in the shop's currency.</summary>
public sealed class CheckoutRules(IReadOnlyList<ShippingMethod> shippingMethods, IReadOnlyList<TaxRate> taxRates, string currency)
{
    public string Currency { get; } = currency;

    public IReadOnlyList<ShippingMethod> ShippingMethods { get; } = shippingMethods;

    public IReadOnlyList<TaxRate> TaxRates { get; } = taxRates;

    public IEnumerable<ShippingMethod> MethodsFor(string? country) =>
        country is null ? ShippingMethods : ShippingMethods.Where(m => m.ShipsTo(country));

    /// <summary>The method <paramref name="code"/> if it ships to <paramref name="country"/>; otherwise a validation error on <c>shippingMethod</c>.</summary>
    public Result<ShippingMethod> Method(string code, string country)
    {
        var method = ShippingMethods.FirstOrDefault(m => string.Equals(m.Code, code, StringComparison.OrdinalIgnoreCase));
        if (method is null)
        {
            return Error.Validation("shippingMethod", $"Unknown shipping method \"{code}\"; GET /api/checkout/shipping-methods lists them.");
        }

        return method.ShipsTo(country)
            ? method
            : Error.Validation("shippingMethod", $"\"{method.Code}\" does not ship to {country.ToUpperInvariant()}; GET /api/checkout/shipping-methods?country={country.ToUpperInvariant()} lists those that do.");
    }

    public TaxRate TaxFor(string country, string? region) => TaxRate.For(TaxRates, country, region);

    public static Money Amount(decimal amount, string currency) => Money.Of(amount, currency);
}
