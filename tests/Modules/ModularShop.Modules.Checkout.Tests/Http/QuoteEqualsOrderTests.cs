using System.Globalization;
using System.Net;
using CsCheck;
using ModularShop.Testing;
using Shouldly;
using Xunit;
using static ModularShop.Modules.Checkout.Tests.Http.CheckoutDriver;

namespace ModularShop.Modules.Checkout.Tests.Http;

/// <summary>A host whose tax rates and free-shipping threshold are drawn at random for this run (printed on failure).</summary>
public sealed class RandomRulesFactory : ShopFactory
{
    public static readonly string[] Regions = ["AA", "BB", "CC"];

    public RandomRulesFactory()
    {
        var random = new Random();
        Rates = [.. Regions.Select(_ => Math.Round((decimal)random.NextDouble() * 0.25m, 5))];
        TaxShipping = [.. Regions.Select(_ => random.Next(2) == 1)];
        FreeOver = random.Next(1, 40_000) / 100m;
        ShippingPrice = random.Next(0, 3_000) / 100m;
    }

    public decimal[] Rates { get; }

    public bool[] TaxShipping { get; }

    public decimal FreeOver { get; }

    public decimal ShippingPrice { get; }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"rates {string.Join(", ", Rates)}, tax shipping {string.Join(", ", TaxShipping)}, shipping {ShippingPrice} free over {FreeOver}");

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Checkout:ShippingMethods:0:Code"] = "standard";
        settings["Checkout:ShippingMethods:0:Name"] = "Standard";
        settings["Checkout:ShippingMethods:0:Price"] = ShippingPrice.ToString(CultureInfo.InvariantCulture);
        settings["Checkout:ShippingMethods:0:EstimatedDays"] = "4";
        settings["Checkout:ShippingMethods:0:FreeOver"] = FreeOver.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < Regions.Length; i++)
        {
            settings[$"Checkout:TaxRates:{i}:Country"] = "US";
            settings[$"Checkout:TaxRates:{i}:Region"] = Regions[i];
            settings[$"Checkout:TaxRates:{i}:Rate"] = Rates[i].ToString(CultureInfo.InvariantCulture);
            settings[$"Checkout:TaxRates:{i}:TaxShipping"] = TaxShipping[i] ? "true" : "false";
        }
    }
}

/// <summary>
/// Issue 12: the quote and the order agree to the cent, always — a property test over random carts (lines, prices,
/// quantities) and destinations, on a host with random tax rates, shipping price and free-shipping threshold, through
/// the real endpoints (quote, then checkout with the test card).
/// </summary>
public sealed class QuoteEqualsOrderTests(RandomRulesFactory factory) : IClassFixture<RandomRulesFactory>
{
    private readonly CheckoutDriver _shop = new(factory);

    [Fact]
    public async Task The_order_charges_exactly_what_the_quote_said()
    {
        var line = Gen.Select(Gen.Int[1, 50_000], Gen.Int[1, 9]);
        var cart = Gen.Select(line.List[1, 4], Gen.Int[0, RandomRulesFactory.Regions.Length]);

        await cart.SampleAsync(
            async (lines, region) =>
            {
                var (customer, _) = _shop.NewCustomer();
                var products = new List<(ProductDto, int)>();
                foreach (var (cents, quantity) in lines)
                {
                    products.Add((await _shop.CreateProductAsync(price: cents / 100m, stock: 100), quantity));
                }

                var shopperCart = await _shop.CartWithAsync(customer, [.. products]);
                var address = Address("US", region < RandomRulesFactory.Regions.Length ? RandomRulesFactory.Regions[region] : "ZZ");
                var quote = await QuoteAsync(customer, shopperCart.Id, address: address);
                var order = await (await CheckoutAsync(customer, Body(shopperCart.Id, address: address), NewKey())).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);

                var context = $"{factory}; quote {quote}; order {order.Subtotal}/{order.Shipping}/{order.Tax}/{order.Total}";
                (order.Subtotal, order.Shipping, order.Tax, order.Total).ShouldBe((quote.Subtotal, quote.Shipping, quote.Tax, quote.Total), context);
                order.Total.ShouldBe(order.Subtotal + order.Shipping + order.Tax, context);
                order.Items.Select(i => i.LineTotal).ShouldBe(quote.Lines.Select(l => l.LineTotal), context);
                order.Items.Sum(i => i.LineTotal).ShouldBe(order.Subtotal, context);
            },
            iter: 12,
            threads: 2);
    }
}
