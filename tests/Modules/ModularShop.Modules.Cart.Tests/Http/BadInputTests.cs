using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>Bad input is a 400 naming the field, and changes nothing.</summary>
public sealed class BadInputTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CartDriver _carts = new(factory);

    public static TheoryData<string, string> BadAddBodies => new()
    {
        { """{"quantity":1}""", "productId" },
        { """{"productId":null,"quantity":1}""", "productId" },
        { """{"productId":"00000000-0000-0000-0000-000000000000","quantity":1}""", "productId" },
        { """{"productId":"not-a-guid","quantity":1}""", "productId" },
        { """{"productId":12,"quantity":1}""", "productId" },
        { """{"productId":"{P}"}""", "quantity" },
        { """{"productId":"{P}","quantity":0}""", "quantity" },
        { """{"productId":"{P}","quantity":-1}""", "quantity" },
        { """{"productId":"{P}","quantity":1000}""", "quantity" },
        { """{"productId":"{P}","quantity":99999999999999999999}""", "quantity" },
        { """{"productId":"{P}","quantity":1.5}""", "quantity" },
        { """{"productId":"{P}","quantity":"1"}""", "quantity" },
        { """{"productId":"{P}","variantId":"x","quantity":1}""", "variantId" },
    };

    [Theory]
    [MemberData(nameof(BadAddBodies))]
    public async Task Bad_add_bodies_are_400_naming_the_field(string body, string field)
    {
        var product = await _carts.CreateProductAsync();
        var cart = await _carts.CreateCartAsync();

        var response = await _carts.Anonymous.PostAsync($"/api/carts/{cart.Id}/items", HttpResponseExtensions.RawJson(body.Replace("{P}", product.Id.ToString())), CartDriver.Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.ContentType.ShouldBe("application/problem+json");
        problem.Errors.Keys.ShouldContain(field);
        (await _carts.GetCartAsync(cart.Id)).Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Malformed_or_missing_bodies_are_400(string body)
    {
        var cart = await _carts.CreateCartAsync();
        var response = await _carts.Anonymous.PostAsync($"/api/carts/{cart.Id}/items", HttpResponseExtensions.RawJson(body), CartDriver.Ct);
        (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Status.ShouldBe(400);
    }

    [Fact]
    public async Task A_product_with_variants_needs_a_variant()
    {
        var product = await _carts.CreateProductWithVariantsAsync(9m, ("S", 3, null), ("M", 3, null));
        var cart = await _carts.CreateCartAsync();

        var problem = await (await _carts.AddAsync(cart.Id, product.Id, 1)).ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.Errors.Keys.ShouldContain("variantId");
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"quantity":-1}""")]
    [InlineData("""{"quantity":1000}""")]
    [InlineData("""{"quantity":"two"}""")]
    public async Task Bad_quantities_on_change_are_400_naming_quantity(string body)
    {
        var product = await _carts.CreateProductAsync();
        var cart = await _carts.CreateCartAsync();
        var line = (await _carts.AddItemAsync(cart.Id, product.Id, 2)).Items[0];

        var response = await _carts.Anonymous.PutAsync($"/api/carts/{cart.Id}/items/{line.Id}", HttpResponseExtensions.RawJson(body), CartDriver.Ct);

        (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("quantity");
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(2);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("\"abc")]
    [InlineData("W/abc")]
    [InlineData("\"1\" \"2\"")]
    public async Task An_If_Match_that_is_not_an_entity_tag_is_400_naming_it(string ifMatch)
    {
        var product = await _carts.CreateProductAsync();
        var cart = await _carts.CreateCartAsync();

        var problem = await (await _carts.AddAsync(cart.Id, product.Id, 1, ifMatch: ifMatch)).ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.Errors.Keys.ShouldContain("If-Match");
        (await _carts.GetCartAsync(cart.Id)).Items.ShouldBeEmpty();
    }

    /// <summary>RFC 9110: If-Match compares strongly, so an opaque tag, a weak tag (even of the current version) or a stale one never matches.</summary>
    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("W/\"x\"")]
    [InlineData("W/\"{current}\"")]
    [InlineData("\"{stale}\"")]
    [InlineData("\"abc\", W/\"{current}\"")]
    public async Task A_well_formed_If_Match_that_is_not_the_current_version_is_409(string ifMatch)
    {
        var product = await _carts.CreateProductAsync();
        var cart = await _carts.CreateCartAsync();
        ifMatch = ifMatch.Replace("{current}", cart.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{stale}", (cart.Version + 7).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var problem = await (await _carts.AddAsync(cart.Id, product.Id, 1, ifMatch: ifMatch)).ReadProblemAsync(HttpStatusCode.Conflict);
        problem.Code.ShouldBe("concurrency.stale_version");
        (await _carts.GetCartAsync(cart.Id)).Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\"abc\", \"{current}\"")]
    [InlineData("*")]
    [InlineData("{current}")]
    public async Task An_If_Match_list_holding_the_current_version_or_a_star_matches(string ifMatch)
    {
        var product = await _carts.CreateProductAsync();
        var cart = await _carts.CreateCartAsync();
        ifMatch = ifMatch.Replace("{current}", cart.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        (await (await _carts.AddAsync(cart.Id, product.Id, 1, ifMatch: ifMatch)).ReadJsonAsync<CartDto>()).Items.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/carts/not-a-guid")]
    [InlineData("/api/carts/123")]
    public async Task A_cart_id_that_is_not_a_guid_is_404(string url) =>
        await (await _carts.Anonymous.GetAsync(url, CartDriver.Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
}
