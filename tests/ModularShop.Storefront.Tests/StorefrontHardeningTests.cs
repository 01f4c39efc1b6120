using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;
using static ModularShop.Storefront.Tests.StorefrontShopper;

namespace ModularShop.Storefront.Tests;

/// <summary>What a careless or hostile visitor does to the storefront: odd URLs, posts from elsewhere, a cart changed behind the checkout page.</summary>
public sealed class StorefrontHardeningTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly Catalog _catalog = new(factory);

    [Theory]
    [InlineData("/p/%20")]
    [InlineData("/p/%09")]
    [InlineData("/c/%20")]
    public async Task Blank_slugs_are_404_pages_not_errors(string path) =>
        await new StorefrontShopper(factory).PageAsync(path, HttpStatusCode.NotFound);

    [Fact]
    public async Task A_form_post_to_a_page_from_another_site_is_refused_before_anything_else()
    {
        var shopper = new StorefrontShopper(factory, sameOrigin: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "signin", ["Input.Email"] = "a@example.com", ["Input.Password"] = "x" }),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        (await shopper.Http.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Changing_or_removing_a_line_without_a_cart_is_404_and_creates_no_cart()
    {
        var shopper = new StorefrontShopper(factory);
        var change = await shopper.Http.PutAsJsonAsync($"/shop/api/cart/items/{Guid.NewGuid()}", new { quantity = 1 }, Ct);
        change.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        change.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await shopper.Http.DeleteAsync($"/shop/api/cart/items/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await shopper.CartAsync())["id"].ShouldBeNull();
    }

    [Fact]
    public async Task Placing_an_order_for_a_cart_that_changed_since_the_page_was_shown_shows_the_new_summary_instead()
    {
        var category = await _catalog.CategoryAsync();
        var lamp = await _catalog.ProductAsync(category, price: 10m, stock: 9);
        var email = $"buyer-{Guid.NewGuid():N}@example.com";
        (await factory.CreateClient().PostAsJsonAsync("/api/users/register", new { email, password = "correct horse 9", name = "Ann" }, Ct)).EnsureSuccessStatusCode();
        var shopper = new StorefrontShopper(factory);
        await shopper.SignInAsync(email, "correct horse 9");
        (await shopper.AddAsync(lamp["id"]!.GetValue<Guid>(), 1)).EnsureSuccessStatusCode();

        var page = await shopper.PageAsync("/checkout");
        (await shopper.AddAsync(lamp["id"]!.GetValue<Guid>(), 4)).EnsureSuccessStatusCode(); // another tab

        var fields = new Dictionary<string, string>
        {
            ["Input.Action"] = "place",
            ["Input.AddressId"] = "new",
            ["Input.FullName"] = "Ann Shopper",
            ["Input.Line1"] = "1 Main St",
            ["Input.City"] = "Springfield",
            ["Input.PostalCode"] = "62701",
            ["Input.Country"] = "US",
            ["Input.ShippingMethod"] = "standard",
            ["Input.Provider"] = "test-card",
            ["Input.CardNumber"] = "4242424242424242",
            ["Input.Expiry"] = "12/39",
            ["Input.Cvc"] = "123",
        };
        var refused = await shopper.SubmitAsync(page, "form[data-checkout-form]", fields, "/checkout");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Your cart changed since this page was shown");
        html.ShouldContain("$50.00"); // the new subtotal (5 × $10) is what the page shows now
        html.ShouldNotContain("4242424242424242"); // the card number is never written back into a page

        // Pressing again on the page as it is now places the order.
        var again = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(html, Ct);
        var placed = await shopper.SubmitAsync(again, "form[data-checkout-form]", fields, "/checkout");
        placed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await placed.Content.ReadAsStringAsync(Ct));
        var done = new Uri(new Uri("https://localhost"), placed.Headers.Location!).PathAndQuery;
        done.ShouldStartWith("/checkout/done/");
        Text(await shopper.PageAsync(done), "[data-order-total]").ShouldBe("$50.00"); // free shipping over $50, no US tax configured
    }
}

/// <summary>The storefront with real rate limits (the shared factory lifts them).</summary>
public sealed class LimitedShopFactory : ShopFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Storefront:RateLimit:CredentialPermitLimit"] = "2";
        settings["Storefront:RateLimit:NewCartPermitLimit"] = "2";
        settings["Storefront:RateLimit:Window"] = "00:10:00";
    }
}

public sealed class StorefrontRateLimitTests(LimitedShopFactory factory) : IClassFixture<LimitedShopFactory>
{
    [Fact]
    public async Task Sign_in_posts_and_new_anonymous_carts_are_limited_per_address_like_the_REST_API()
    {
        var shopper = new StorefrontShopper(factory);
        var page = await shopper.PageAsync("/account/signin");
        var fields = new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "wrong password 1" };
        (await shopper.SubmitAsync(page, "form.stack", fields, "/account/signin")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await shopper.SubmitAsync(page, "form.stack", fields, "/account/signin")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var limited = await shopper.SubmitAsync(page, "form.stack", fields, "/account/signin");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        await shopper.PageAsync("/account/signin"); // reading the page is not limited

        var admin = factory.CreateAdminClient();
        var category = await new Catalog(factory).CategoryAsync();
        var lamp = await new Catalog(factory).ProductAsync(category);
        for (var i = 0; i < 2; i++)
        {
            (await new StorefrontShopper(factory).AddAsync(lamp["id"]!.GetValue<Guid>(), 1)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await new StorefrontShopper(factory).AddAsync(lamp["id"]!.GetValue<Guid>(), 1)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        admin.ShouldNotBeNull();
    }
}
