using CsCheck;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Checkout.Domain;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Checkout.Tests;

/// <summary>The pricing rules of a quote (and so of an order): shipping thresholds, regional tax, rounding per line.</summary>
public sealed class PricingTests
{
    private static readonly ShippingMethod Standard = new("standard", "Standard", Usd(4.99m), 5, Usd(50m), []);
    private static readonly ShippingMethod UsOnly = new("overnight", "Overnight", Usd(29.99m), 1, null, ["US"]);

    [Fact]
    public void Shipping_is_free_from_the_threshold_on_and_charged_below_it()
    {
        Price(Usd(49.99m), Standard, TaxRate.None("US")).Shipping.ShouldBe(Usd(4.99m));
        Price(Usd(50m), Standard, TaxRate.None("US")).Shipping.ShouldBe(Usd(0m));
        Price(Usd(500m), UsOnly, TaxRate.None("US")).Shipping.ShouldBe(Usd(29.99m), "a method without a threshold is never free");
    }

    [Fact]
    public void A_region_has_its_own_rate_before_its_country_and_a_destination_without_one_pays_no_tax()
    {
        TaxRate[] rates = [new("US", "CA", 0.0725m, false), new("US", "NY", 0.04m, true), new("DE", null, 0.19m, true)];

        TaxRate.For(rates, "US", "ca").Rate.ShouldBe(0.0725m);
        TaxRate.For(rates, "US", "NY").Rate.ShouldBe(0.04m);
        TaxRate.For(rates, "US", "OR").Rate.ShouldBe(0m, "a US state without a rate");
        TaxRate.For(rates, "de", "Bayern").Rate.ShouldBe(0.19m, "the country's rate when its region has none");
        TaxRate.For(rates, "JP", null).Rate.ShouldBe(0m);
    }

    [Fact]
    public void Tax_is_rounded_per_line_and_shipping_is_taxed_only_where_the_destination_says()
    {
        var lines = new[] { Line(0.99m, 3), Line(19.95m, 1) };

        // 2.97 × 7.25 % = 0.215325 → 0.22; 19.95 × 7.25 % = 1.446375 → 1.45; shipping 4.99 untaxed in California.
        var california = Pricing.Price(lines, Standard, new TaxRate("US", "CA", 0.0725m, false), "USD");
        california.Tax.ShouldBe(Usd(1.67m));
        california.Total.ShouldBe(Usd(2.97m + 19.95m + 4.99m + 1.67m));

        // New York taxes shipping: 0.12 + 0.80 + 4.99 × 4 % (0.1996 → 0.20).
        var newYork = Pricing.Price(lines, Standard, new TaxRate("US", "NY", 0.04m, true), "USD");
        newYork.ShippingTax.ShouldBe(Usd(0.20m));
        newYork.Tax.ShouldBe(Usd(0.12m + 0.80m + 0.20m));
    }

    [Fact]
    public void Every_quote_adds_up_to_the_cent_whatever_the_cart_rate_and_threshold()
    {
        var line = Gen.Select(Gen.Int[1, 500_000], Gen.Int[1, 999]).Select((cents, quantity) => Line(cents / 100m, quantity));
        var method = Gen.Select(Gen.Int[0, 5_000], Gen.Int[0, 30_000], Gen.Bool)
            .Select((price, threshold, free) => new ShippingMethod("m", "M", Usd(price / 100m), 3, free ? Usd(threshold / 100m) : null, []));
        var rate = Gen.Select(Gen.Int[0, 2_500], Gen.Bool).Select((basisPoints, shipping) => new TaxRate("US", null, basisPoints / 10_000m, shipping));

        Gen.Select(line.List[1, 30], method, rate).Sample((lines, shipping, tax) =>
        {
            var quote = Pricing.Price(lines, shipping, tax, "USD");

            quote.Lines.Count.ShouldBe(lines.Count);
            foreach (var priced in quote.Lines)
            {
                priced.LineTotal.ShouldBe(priced.UnitPrice.Times(priced.Quantity));
                priced.Tax.ShouldBe(Money.Round(priced.LineTotal.Amount * tax.Rate, "USD"));
            }

            quote.Subtotal.ShouldBe(Money.Sum(quote.Lines.Select(l => l.LineTotal), "USD"));
            quote.Shipping.ShouldBe(shipping.FreeOver is { } free && quote.Subtotal >= free ? Usd(0m) : shipping.Price);
            quote.Tax.ShouldBe(Money.Sum(quote.Lines.Select(l => l.Tax), "USD") + quote.ShippingTax);
            quote.Total.ShouldBe(quote.Subtotal + quote.Shipping + quote.Tax);
            Money.IsExact(quote.Total.Amount).ShouldBeTrue();
        });
    }

    [Fact]
    public void The_checkout_id_of_a_key_is_always_the_same_and_differs_per_user_and_key()
    {
        var user = Guid.NewGuid();
        CheckoutProcess.IdFor(user, "key-1").ShouldBe(CheckoutProcess.IdFor(user, "key-1"));
        CheckoutProcess.IdFor(user, "key-1").ShouldNotBe(CheckoutProcess.IdFor(user, "key-2"));
        CheckoutProcess.IdFor(user, "key-1").ShouldNotBe(CheckoutProcess.IdFor(Guid.NewGuid(), "key-1"));
    }

    private static Quote Price(Money unitPrice, ShippingMethod method, TaxRate tax) => Pricing.Price([Line(unitPrice.Amount, 1)], method, tax, "USD");

    private static PricingLine Line(decimal unitPrice, int quantity) =>
        new(Guid.NewGuid(), null, "SKU", "Thing", null, Usd(unitPrice), quantity);

    private static Money Usd(decimal amount) => Money.Of(amount, "USD");
}
