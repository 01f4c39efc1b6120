using System.Net.Http.Json;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace ModularShop.Storefront.BrowserTests;

/// <summary>Buying in Chromium: the test card, the 3-D Secure card through the bank's page, the confirmation and history.</summary>
public sealed class CheckoutTests(BrowserShop shop) : IClassFixture<BrowserShop>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(IBrowserContext Shopper, IPage Page, string ProductName)> SignedInWithCartAsync(decimal price)
    {
        var category = await shop.CategoryAsync();
        var lamp = await shop.ProductAsync(category, price: price, stock: 5);
        var (email, api) = await shop.CustomerAsync();
        (await api.PostAsJsonAsync("/api/users/me/addresses", new
        {
            fullName = "Ann Shopper",
            line1 = "1 Main St",
            city = "Springfield",
            region = "IL",
            postalCode = "62701",
            country = "US",
        }, Ct)).EnsureSuccessStatusCode();

        var shopper = await shop.NewShopperAsync();
        var page = await shopper.NewPageAsync();
        await page.OpenAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserShop.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account a").First).ToHaveTextAsync("Ann Shopper");

        await page.OpenAsync($"/p/{lamp["slug"]}");
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync(), "**/shop/api/cart/items");
        return (shopper, page, lamp["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Checkout_with_the_4242_card_shows_the_confirmation_and_the_order_in_the_history()
    {
        var (shopper, page, name) = await SignedInWithCartAsync(price: 30m);
        await using var _ = shopper;

        await page.GetByRole(AriaRole.Link, new() { Name = "Cart" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Checkout");
        await page.ReadyAsync();

        // The saved address, the cheapest method and the test card are chosen; the quote already has the totals.
        await Assertions.Expect(page.Locator("[data-quote-shipping]")).ToHaveTextAsync("$4.99");
        var standardTotal = await page.Locator("[data-quote-total]").TextContentAsync();

        // Live quote: another shipping method changes the totals at once, without a reload.
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("Express \\(")).CheckAsync();
        await Assertions.Expect(page.Locator("[data-quote-shipping]")).ToHaveTextAsync("$14.99", new() { Timeout = 10_000 });
        (await page.Locator("[data-quote-total]").TextContentAsync()).ShouldNotBe(standardTotal);

        // The card fields are there for the card provider only.
        await Assertions.Expect(page.GetByLabel("Card number")).ToBeVisibleAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/39");
        await page.GetByLabel("CVC").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thank you for your order");
        await Assertions.Expect(page.Locator("[data-order-status]")).ToHaveTextAsync("Paid — being prepared");
        var number = await page.Locator("[data-order-number]").TextContentAsync();
        number.ShouldStartWith("MS-");
        await page.ReadyAsync(); // the badge below is the client store's, not only the server's HTML
        await Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("", new() { Timeout = 10_000 }); // the cart was emptied

        await page.OpenAsync("/account/orders");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = number! })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = number! }).ClickAsync();
        await Assertions.Expect(page.Locator(".summary-lines")).ToContainTextAsync(name);
    }

    [Fact]
    public async Task The_3d_secure_card_goes_through_the_bank_page_and_comes_back_paid()
    {
        var (shopper, page, _) = await SignedInWithCartAsync(price: 45m);
        await using var _s = shopper;

        await page.OpenAsync("/checkout");
        await page.GetByLabel("Card number").FillAsync("4000 0025 0000 3155");
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/39");
        await page.GetByLabel("CVC").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Confirm your payment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        // Back in the shop: the order becomes Paid as the payment's event reaches Orders.
        page.Url.ShouldContain("/checkout/done/");
        for (var i = 0; i < 20 && await page.Locator("[data-order-status]").TextContentAsync() != "Paid — being prepared"; i++)
        {
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
        }

        await Assertions.Expect(page.Locator("[data-order-status]")).ToHaveTextAsync("Paid — being prepared");
    }

    [Fact]
    public async Task A_declined_card_keeps_the_cart_and_says_why()
    {
        var (shopper, page, _) = await SignedInWithCartAsync(price: 12m);
        await using var _s = shopper;

        await page.OpenAsync("/checkout");
        await page.GetByLabel("Card number").FillAsync("4000 0000 0000 0002");
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/39");
        await page.GetByLabel("CVC").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("declined");
        await page.OpenAsync("/cart");
        await Assertions.Expect(page.Locator("[data-line]")).ToHaveCountAsync(1);
    }
}
