using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Shouldly;
using Xunit;

namespace ModularShop.Storefront.BrowserTests;

/// <summary>An axe scan of each page type finds no serious or critical violation.</summary>
public sealed class AccessibilityTests(BrowserShop shop) : IClassFixture<BrowserShop>
{
    [Fact]
    public async Task Every_page_type_passes_an_axe_scan_without_serious_or_critical_violations()
    {
        var category = await shop.CategoryAsync();
        var lamp = await shop.ProductAsync(category, price: 12m, stock: 3, variants:
        [
            new { name = "Brass", options = new { finish = "brass" }, price = 12m, stock = 3, sku = $"B-{Guid.NewGuid():N}"[..12] },
            new { name = "Chrome", options = new { finish = "chrome" }, price = 14m, stock = 0, sku = $"C-{Guid.NewGuid():N}"[..12] },
        ]);
        await using var shopper = await shop.NewShopperAsync();
        var page = await shopper.NewPageAsync();

        await page.OpenAsync($"/p/{lamp["slug"]}");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-cart-count]")).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        string[] paths = ["/", $"/c/{category["slug"]}", "/search?q=lamp", $"/p/{lamp["slug"]}", "/p/no-such-product", "/cart", "/account/signin", "/account/register"];
        var problems = new List<string>();
        foreach (var path in paths)
        {
            await page.OpenAsync(path);
            var result = await page.RunAxe();
            result.Passes.ShouldNotBeEmpty($"axe checked nothing on {path}");
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) — {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        problems.ShouldBeEmpty();
    }
}
