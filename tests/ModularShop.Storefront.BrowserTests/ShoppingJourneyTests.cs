using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Storefront.BrowserTests;

/// <summary>A shopper in Chromium: the picker, the optimistic cart, its persistence across reloads and tabs, signing in.</summary>
public sealed class ShoppingJourneyTests(BrowserShop shop) : IClassFixture<BrowserShop>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task Browse_pick_a_variant_add_reload_see_it_in_a_second_tab_and_sign_in_with_the_cart_merged()
    {
        var category = await shop.CategoryAsync();
        var shirt = await shop.ProductAsync(category, price: 20m, variants:
        [
            new { name = "Small", options = new { size = "S" }, price = 20m, stock = 5, sku = $"S-{Guid.NewGuid():N}"[..12] },
            new { name = "Large", options = new { size = "L" }, price = 24m, stock = 1, sku = $"L-{Guid.NewGuid():N}"[..12] },
        ]);
        var lamp = await shop.ProductAsync(category, price: 7.5m, stock: 10);

        // The customer already has something in their account's cart.
        var (email, api) = await shop.CustomerAsync();
        var mine = await (await api.GetAsync("/api/carts/mine", Ct)).ReadJsonAsync<JsonObject>();
        (await api.PostAsJsonAsync($"/api/carts/{mine["id"]}/items", new { productId = lamp["id"], quantity = 1 }, Ct)).EnsureSuccessStatusCode();

        await using var shopper = await shop.NewShopperAsync();
        var page = await shopper.NewPageAsync();

        // Browse: category → product.
        await page.OpenAsync($"/c/{category["slug"]}");
        await page.GetByRole(AriaRole.Link, new() { Name = shirt["name"]!.GetValue<string>() }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(shirt["name"]!.GetValue<string>());
        await page.ReadyAsync();

        // The picker: choosing Large changes price and stock at once, without a reload.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        await page.GetByLabel("Large").CheckAsync();
        await Assertions.Expect(page.Locator("[data-product-price]")).ToHaveTextAsync("$24.00");
        await Assertions.Expect(page.Locator("[data-product-stock]")).ToHaveTextAsync("Only 1 left");
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeTrue(); // no reload happened
        page.Url.ShouldContain("variant=");

        // Add: the badge counts it at once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("1", Soon);

        // A second tab sees the cart, and follows changes made in the first.
        var second = await shopper.NewPageAsync();
        await second.OpenAsync("/");
        await Assertions.Expect(second.Locator("[data-cart-count]")).ToHaveTextAsync("1", Soon);
        await page.GetByLabel("Small").CheckAsync();
        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("3", Soon);
        await Assertions.Expect(second.Locator("[data-cart-count]")).ToHaveTextAsync("3", Soon);

        // Reload: still there (localStorage + the cart cookie), and the cart page lists both lines.
        await page.ReloadAsync();
        await page.ReadyAsync();
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("3", Soon);
        await page.OpenAsync("/cart");
        await Assertions.Expect(page.Locator("[data-line]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-cart-subtotal]")).ToHaveTextAsync("$64.00");

        // Sign in: the anonymous cart is merged into the account's (which held the lamp).
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserShop.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account a").First).ToHaveTextAsync("Ann Shopper");
        await page.OpenAsync("/cart");
        await Assertions.Expect(page.Locator("[data-line]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-cart-subtotal]")).ToHaveTextAsync("$71.50");
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("4", Soon);

        // The browser holds no bearer token: only HttpOnly cookies, nothing token-like in storage.
        var cookies = await shopper.CookiesAsync();
        cookies.Where(c => c.Name.StartsWith("__Host-shop", StringComparison.Ordinal)).ShouldAllBe(c => c.HttpOnly && c.Secure);
        var storage = await page.EvaluateAsync<string>("() => JSON.stringify(localStorage)");
        storage.ShouldNotContain("eyJ"); // no JWT
    }

    [Fact]
    public async Task A_variant_chosen_before_the_script_arrives_shows_its_price_and_stock_once_it_does()
    {
        var category = await shop.CategoryAsync();
        var shirt = await shop.ProductAsync(category, price: 20m, variants:
        [
            new { name = "Small", options = new { size = "S" }, price = 20m, stock = 5, sku = $"S-{Guid.NewGuid():N}"[..12] },
            new { name = "Large", options = new { size = "L" }, price = 24m, stock = 0, sku = $"L-{Guid.NewGuid():N}"[..12] },
        ]);
        await using var shopper = await shop.NewShopperAsync();
        var page = await shopper.NewPageAsync();

        // The script is fetched after the page has painted; hold it back, as a slow network would.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/js/shop.*.js", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync($"/p/{shirt["slug"]}");
        await page.GetByLabel("Large").CheckAsync();
        await Assertions.Expect(page.Locator("[data-product-price]")).ToHaveTextAsync("$20.00"); // the page as rendered

        release.SetResult();
        await page.ReadyAsync();
        await Assertions.Expect(page.Locator("[data-product-price]")).ToHaveTextAsync("$24.00");
        await Assertions.Expect(page.Locator("[data-product-stock]")).ToHaveClassAsync("stock out");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task An_optimistic_change_shows_while_the_server_is_held_back_and_rolls_back_with_a_toast_on_a_409()
    {
        var category = await shop.CategoryAsync();
        var lamp = await shop.ProductAsync(category, price: 10m, stock: 2);

        await using var shopper = await shop.NewShopperAsync();
        var page = await shopper.NewPageAsync();
        await page.OpenAsync($"/p/{lamp["slug"]}");
        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("2", Soon);

        // Hold the next add back: the badge must move before the server answers.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/shop/api/cart/items", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GetByLabel("Quantity").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("3", Soon); // optimistic, request still held

        // The server refuses (only 2 in stock): rolled back, and a toast says why.
        release.SetResult();
        await Assertions.Expect(page.Locator(".toast.bad")).ToContainTextAsync("stock", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("2", Soon);

        // On the cart page, a change the server refuses is rolled back in place too.
        await page.UnrouteAllAsync();
        await page.OpenAsync("/cart");
        await page.Locator("[data-line] input[name=quantity]").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.bad").Last).ToContainTextAsync("stock", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("[data-line] input[name=quantity]")).ToHaveValueAsync("2");
        await Assertions.Expect(page.Locator("[data-cart-subtotal]")).ToHaveTextAsync("$20.00");

        // Remove is optimistic as well, and sticks.
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = $"Remove {lamp["name"]}" }).ClickAsync(), "**/shop/api/cart/items/*");
        await Assertions.Expect(page.Locator("[data-cart-empty]")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.ReadyAsync();
        await Assertions.Expect(page.Locator("[data-cart-empty]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("", Soon);
    }

    [Fact]
    public async Task A_product_named_like_a_script_renders_as_text_and_runs_nothing()
    {
        var category = await shop.CategoryAsync();
        var evil = await shop.ProductAsync(category, name: "<script>alert(1)</script>");
        await using var shopper = await shop.NewShopperAsync();
        var page = await shopper.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        var cspViolations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) cspViolations.Add(message.Text); };

        await page.OpenAsync($"/p/{evil["slug"]}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("<script>alert(1)</script>");
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync(), "**/shop/api/cart/items");
        await page.OpenAsync("/cart");
        await Assertions.Expect(page.Locator("[data-line] .name")).ToHaveTextAsync("<script>alert(1)</script>");
        await page.OpenAsync($"/search?q={Uri.EscapeDataString("script")}");

        dialogs.ShouldBe(0);
        cspViolations.ShouldBeEmpty(); // the pages' own script and style pass their CSP
    }
}
