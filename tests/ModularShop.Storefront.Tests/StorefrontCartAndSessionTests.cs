using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using ModularShop.Testing;
using Shouldly;
using Xunit;
using static ModularShop.Storefront.Tests.StorefrontShopper;

namespace ModularShop.Storefront.Tests;

/// <summary>
/// The cart and the session from outside: the no-JavaScript forms, the client's JSON endpoints and their problem
/// details, the same-origin rule, signing in (with the anonymous cart merged into the user's), signing out for good.
/// </summary>
public sealed class StorefrontCartAndSessionTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly Catalog _catalog = new(factory);

    private const string Password = "correct horse 9";

    private async Task<string> RegisterAsync()
    {
        var email = $"shopper-{Guid.NewGuid():N}@example.com";
        (await factory.CreateClient().PostAsJsonAsync("/api/users/register", new { email, password = Password, name = "Ann Shopper" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return email;
    }

    [Fact]
    public async Task Without_javascript_a_shopper_adds_from_the_product_page_and_changes_and_removes_lines_on_the_cart_page()
    {
        var category = await _catalog.CategoryAsync();
        var shirt = await _catalog.ProductAsync(category, price: 20m, variants:
        [
            new { name = "Small", options = new { size = "S" }, price = 20m, stock = 0, sku = $"S-{Guid.NewGuid():N}"[..12] },
            new { name = "Medium", options = new { size = "M" }, price = 22m, stock = 4, sku = $"M-{Guid.NewGuid():N}"[..12] },
        ]);
        var shopper = new StorefrontShopper(factory);
        var path = $"/p/{shirt["slug"]}";
        var page = await shopper.PageAsync(path);

        // The sold-out variant is shown but the picker starts on one in stock, with its price.
        Text(page, "[data-product-price]").ShouldBe("$22.00");
        var medium = page.QuerySelector("input[name=variantId][checked]")!.GetAttribute("value")!;

        var added = await shopper.SubmitAsync(page, "form[data-add-to-cart]", new Dictionary<string, string> { ["variantId"] = medium, ["quantity"] = "3" }, path);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        added.Headers.Location!.OriginalString.ShouldBe("/cart");

        var cart = await shopper.PageAsync("/cart");
        Text(cart, "[data-line] .name").ShouldBe(shirt["name"]!.GetValue<string>());
        Text(cart, "[data-line] .variant").ShouldBe("Medium");
        Text(cart, "[data-cart-subtotal]").ShouldBe("$66.00");
        Text(cart, "[data-cart-count]").ShouldBe("3");

        // More than in stock: back to the cart with a fixed notice; nothing changed.
        var tooMany = await shopper.SubmitAsync(cart, "form[data-line-quantity]", new Dictionary<string, string> { ["quantity"] = "9" }, "/cart");
        tooMany.Headers.Location!.OriginalString.ShouldBe("/cart?notice=out_of_stock");
        var refused = await shopper.PageAsync("/cart?notice=out_of_stock");
        Text(refused, "[role=alert]").ShouldBe("There is not enough in stock for that quantity.");
        Text(refused, "[data-cart-subtotal]").ShouldBe("$66.00");

        (await shopper.SubmitAsync(refused, "form[data-line-quantity]", new Dictionary<string, string> { ["quantity"] = "1" }, "/cart")).Headers.Location!.OriginalString.ShouldBe("/cart");
        var one = await shopper.PageAsync("/cart");
        Text(one, "[data-cart-subtotal]").ShouldBe("$22.00");

        (await shopper.SubmitAsync(one, "form[data-line-remove]", new Dictionary<string, string>(), "/cart")).Headers.Location!.OriginalString.ShouldBe("/cart");
        (await shopper.PageAsync("/cart")).QuerySelector("[data-cart-empty]").ShouldNotBeNull();

        // A notice code from a link cannot make the page say anything else.
        (await shopper.PageAsync("/cart?notice=%3Cb%3Ehacked%3C%2Fb%3E")).QuerySelector("[role=alert]").ShouldBeNull();
    }

    [Fact]
    public async Task Another_site_cannot_change_a_shoppers_cart_through_forms_or_scripts()
    {
        var category = await _catalog.CategoryAsync();
        var lamp = await _catalog.ProductAsync(category);
        var victim = new StorefrontShopper(factory, sameOrigin: false);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = lamp["id"]!.GetValue<string>(), ["quantity"] = "1" });

        (await victim.Http.PostAsync("/shop/cart/items", form, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // no headers at all

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/shop/cart/items") { Content = form };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        (await victim.Http.SendAsync(crossSite, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var foreignOrigin = new HttpRequestMessage(HttpMethod.Post, "/shop/api/cart/items") { Content = JsonContent.Create(new { productId = lamp["id"], quantity = 1 }) };
        foreignOrigin.Headers.Add("Origin", "https://evil.example");
        var refused = await victim.Http.SendAsync(foreignOrigin, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/shop/api/cart/items") { Content = JsonContent.Create(new { productId = lamp["id"], quantity = 1 }) };
        sameOrigin.Headers.Add("Origin", "https://localhost");
        (await victim.Http.SendAsync(sameOrigin, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // a browser without Fetch Metadata
    }

    [Fact]
    public async Task The_client_endpoints_answer_the_whole_cart_or_problem_details_it_can_show()
    {
        var category = await _catalog.CategoryAsync();
        var lamp = await _catalog.ProductAsync(category, price: 9.99m, stock: 2);
        var lampId = lamp["id"]!.GetValue<Guid>();
        var shopper = new StorefrontShopper(factory);

        var empty = await shopper.CartAsync();
        empty["id"].ShouldBeNull();
        empty["itemCount"]!.GetValue<int>().ShouldBe(0);

        var cart = await (await shopper.AddAsync(lampId, 2)).ReadJsonAsync<JsonObject>();
        cart["itemCount"]!.GetValue<int>().ShouldBe(2);
        cart["subtotal"]!.GetValue<decimal>().ShouldBe(19.98m);
        var itemId = cart["lines"]![0]!["itemId"]!.GetValue<Guid>();

        var tooMany = await shopper.AddAsync(lampId, 1);
        tooMany.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await tooMany.ReadJsonAsync<JsonObject>(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("stock");

        var zero = await shopper.AddAsync(lampId, 0);
        (await zero.ReadJsonAsync<JsonObject>(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("quantity").ShouldBeTrue();
        (await shopper.AddAsync(Guid.NewGuid(), 1)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var set = await shopper.Http.PutAsJsonAsync($"/shop/api/cart/items/{itemId}", new { quantity = 1 }, Ct);
        (await set.ReadJsonAsync<JsonObject>())["subtotal"]!.GetValue<decimal>().ShouldBe(9.99m);
        var removed = await shopper.Http.DeleteAsync($"/shop/api/cart/items/{itemId}", Ct);
        (await removed.ReadJsonAsync<JsonObject>())["lines"]!.AsArray().ShouldBeEmpty();

        // The same cart is what the cart page renders (the cart cookie names it).
        (await shopper.PageAsync("/cart")).QuerySelector("[data-cart-empty]").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_live_checkout_quote_refuses_a_signed_out_shopper_an_empty_cart_and_a_bad_address_and_prices_a_good_one()
    {
        var address = new { fullName = "Ann Shopper", line1 = "1 Main St", city = "Springfield", region = "IL", postalCode = "62701", country = "us" };

        var anonymous = new StorefrontShopper(factory);
        var signedOut = await anonymous.Http.PostAsJsonAsync("/shop/api/checkout/quote", new { address }, Ct);
        (await signedOut.ReadProblemAsync(HttpStatusCode.Unauthorized)).Code.ShouldBe("storefront.signed_out");

        var shopper = new StorefrontShopper(factory);
        await shopper.SignInAsync(await RegisterAsync(), Password);
        var empty = await shopper.Http.PostAsJsonAsync("/shop/api/checkout/quote", new { address }, Ct);
        (await empty.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("storefront.cart_empty");

        var category = await _catalog.CategoryAsync();
        var lamp = await _catalog.ProductAsync(category, price: 40m, stock: 5);
        (await shopper.AddAsync(lamp["id"]!.GetValue<Guid>(), 1)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var noAddress = await shopper.Http.PostAsJsonAsync("/shop/api/checkout/quote", new { shippingMethod = (string?)null }, Ct);
        (await noAddress.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("address");
        var notMine = await shopper.Http.PostAsJsonAsync("/shop/api/checkout/quote", new { addressId = Guid.NewGuid() }, Ct);
        (await notMine.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("addressId");
        var noPostalCode = await shopper.Http.PostAsJsonAsync("/shop/api/checkout/quote", new { address = new { address.fullName, address.line1, address.city, address.country } }, Ct);
        (await noPostalCode.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain(k => k.Contains("postalCode", StringComparison.OrdinalIgnoreCase));

        var noMethod = await shopper.Http.PostAsJsonAsync("/shop/api/checkout/quote", new { address }, Ct);
        (await noMethod.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("shippingMethod");

        // A good address: Checkout's own quote (standard shipping is $4.99 under $50), its parts adding up to the total.
        var quote = await (await shopper.Http.PostAsJsonAsync("/shop/api/checkout/quote", new { address, shippingMethod = "standard" }, Ct)).ReadJsonAsync<JsonObject>();
        quote["subtotal"]!.GetValue<decimal>().ShouldBe(40m);
        quote["shipping"]!.GetValue<decimal>().ShouldBe(4.99m);
        quote["currency"]!.GetValue<string>().ShouldBe("USD");
        (quote["subtotal"]!.GetValue<decimal>() + quote["tax"]!.GetValue<decimal>() + quote["shipping"]!.GetValue<decimal>())
            .ShouldBe(quote["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Signing_in_merges_the_anonymous_cart_and_signing_out_ends_the_session_for_every_copy_of_the_cookie()
    {
        var email = await RegisterAsync();
        var category = await _catalog.CategoryAsync();
        var lamp = await _catalog.ProductAsync(category, price: 15m, stock: 9);
        var shopper = new StorefrontShopper(factory);
        (await shopper.AddAsync(lamp["id"]!.GetValue<Guid>(), 2)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var cookie = await shopper.SignInAsync(email, Password, returnUrl: "/cart");

        var cartPage = await shopper.PageAsync("/cart");
        Text(cartPage, ".account a").ShouldBe("Ann Shopper"); // signed in: not the cached anonymous header
        Text(cartPage, "[data-cart-subtotal]").ShouldBe("$30.00");

        // The lines are in the user's own cart now, as the REST API sees it with a token.
        var api = factory.CreateClient();
        var tokens = await (await api.PostAsJsonAsync("/api/users/login", new { email, password = Password }, Ct)).ReadJsonAsync<JsonObject>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens["accessToken"]!.GetValue<string>());
        var mine = await (await api.GetAsync("/api/carts/mine", Ct)).ReadJsonAsync<JsonObject>();
        mine["itemCount"]!.GetValue<int>().ShouldBe(2);

        // Home for a signed-in shopper is never the shared cached page.
        Text(await shopper.PageAsync("/"), ".account a").ShouldBe("Ann Shopper");

        var signOut = await shopper.SubmitAsync(cartPage, "form[action='/account/signout']", new Dictionary<string, string>(), "/cart");
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Text(await shopper.PageAsync("/"), ".account a").ShouldBe("Sign in");

        // A copy of the cookie taken before signing out is dead too: the session ended in Users.
        var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/cart");
        replay.Headers.Add("Cookie", cookie);
        var replayed = await thief.SendAsync(replay, Ct);
        var html = await replayed.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("Ann Shopper");
        html.ShouldContain("Sign in");
    }

    [Fact]
    public async Task Sign_in_and_register_forms_say_what_is_wrong_and_refuse_a_post_without_its_antiforgery_token()
    {
        var email = await RegisterAsync();
        var shopper = new StorefrontShopper(factory);

        var page = await shopper.PageAsync("/account/signin");
        var wrong = await shopper.SubmitAsync(page, "form.stack", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "wrong password 1" }, "/account/signin");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("The e-mail address or password is wrong.");

        // A forged post (another site's form) has no antiforgery token: refused before any password is checked.
        var forged = await shopper.PostFormAsync("/account/signin", new Dictionary<string, string> { ["_handler"] = "signin", ["Input.Email"] = email, ["Input.Password"] = Password });
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var register = await shopper.PageAsync("/account/register");
        var bad = await shopper.SubmitAsync(register, "form.stack", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Email"] = "not-an-email", ["Input.Password"] = "short" }, "/account/register");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badPage = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await bad.Content.ReadAsStringAsync(Ct), Ct);
        Text(badPage, "#email-err").ShouldNotBeEmpty();
        Text(badPage, "#password-err").ShouldNotBeEmpty();
        badPage.QuerySelector("input[name='Input.Email']")!.GetAttribute("aria-invalid").ShouldBe("true");

        var taken = await shopper.SubmitAsync(register, "form.stack", new Dictionary<string, string> { ["Input.Name"] = "Ann", ["Input.Email"] = email, ["Input.Password"] = Password }, "/account/register");
        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var fresh = await shopper.SubmitAsync(register, "form.stack", new Dictionary<string, string> { ["Input.Name"] = "Bo New", ["Input.Email"] = $"new-{Guid.NewGuid():N}@example.com", ["Input.Password"] = Password }, "/account/register");
        fresh.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        SessionCookie(fresh).ShouldNotBeNull();
        Text(await shopper.PageAsync("/"), ".account a").ShouldBe("Bo New");
    }
}
