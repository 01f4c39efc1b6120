using System.Net;
using System.Security.Cryptography;
using System.Text;
using ModularShop.Testing;
using Shouldly;
using Xunit;
using static ModularShop.Storefront.Tests.StorefrontShopper;

namespace ModularShop.Storefront.Tests;

/// <summary>
/// The storefront's pages from outside, as a browser without JavaScript and a search engine get them: status codes,
/// titles, canonical URLs, descriptions, listings with filters, the 404 and 400 pages, escaping, the CSP.
/// </summary>
public sealed class StorefrontPagesTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly Catalog _catalog = new(factory);

    [Fact]
    public async Task Home_category_and_product_pages_show_the_catalog_with_titles_descriptions_and_canonical_urls()
    {
        var category = await _catalog.CategoryAsync();
        var lamp = await _catalog.ProductAsync(category, price: 24.5m, stock: 3, featured: true);
        var slug = lamp["slug"]!.GetValue<string>();
        var shopper = new StorefrontShopper(factory);

        var home = await shopper.PageAsync("/");
        home.Title.ShouldBe("ModularShop");
        home.QuerySelector("link[rel=canonical]")!.GetAttribute("href").ShouldBe("https://localhost/");
        home.QuerySelectorAll($"a[href='/p/{slug}']").ShouldNotBeEmpty(); // featured

        var listing = await shopper.PageAsync($"/c/{category["slug"]}");
        listing.Title.ShouldBe($"{category["name"]} · ModularShop");
        listing.QuerySelector("meta[name=description]")!.GetAttribute("content").ShouldNotBeNullOrWhiteSpace();
        Text(listing, ".grid .card .name").ShouldBe(lamp["name"]!.GetValue<string>());
        Text(listing, ".grid .card .price").ShouldBe("$24.50");
        Text(listing, ".grid .card .stock").ShouldBe("Only 3 left");

        var page = await shopper.PageAsync($"/p/{slug}");
        page.Title.ShouldBe($"{lamp["name"]} · ModularShop");
        page.QuerySelector("link[rel=canonical]")!.GetAttribute("href").ShouldBe($"https://localhost/p/{slug}");
        page.QuerySelector("meta[name=description]")!.GetAttribute("content")!.ShouldStartWith($"{lamp["name"]}: a lamp for reading.");
        Text(page, "h1").ShouldBe(lamp["name"]!.GetValue<string>());
        Text(page, "[data-product-price]").ShouldBe("$24.50");
        page.QuerySelector("link[rel=preload][as=image]").ShouldNotBeNull(); // the largest paint is asked for first
        var img = page.QuerySelector(".gallery img")!;
        img.GetAttribute("width").ShouldBe("800");
        img.GetAttribute("height").ShouldBe("800"); // no layout shift

        // The product is also found by id (old links), with the slug URL as canonical.
        (await shopper.PageAsync($"/p/{lamp["id"]}")).QuerySelector("link[rel=canonical]")!.GetAttribute("href").ShouldBe($"https://localhost/p/{slug}");
    }

    [Fact]
    public async Task Listings_filter_by_price_and_stock_sort_and_page_through_urls()
    {
        var category = await _catalog.CategoryAsync();
        var cheap = await _catalog.ProductAsync(category, name: $"Cheap {Guid.NewGuid():N}"[..14], price: 5m, stock: 0);
        var mid = await _catalog.ProductAsync(category, name: $"Mid {Guid.NewGuid():N}"[..12], price: 50m, stock: 2);
        var dear = await _catalog.ProductAsync(category, name: $"Dear {Guid.NewGuid():N}"[..13], price: 500m, stock: 1);
        var shopper = new StorefrontShopper(factory);
        var path = $"/c/{category["slug"]}";

        string[] Names(AngleSharp.Html.Dom.IHtmlDocument doc) => [.. doc.QuerySelectorAll(".grid .card .name").Select(n => n.TextContent.Trim())];
        string N(System.Text.Json.Nodes.JsonObject p) => p["name"]!.GetValue<string>();

        Names(await shopper.PageAsync($"{path}?sort=price_asc")).ShouldBe([N(cheap), N(mid), N(dear)]);
        Names(await shopper.PageAsync($"{path}?sort=price_desc&minPrice=10")).ShouldBe([N(dear), N(mid)]);
        Names(await shopper.PageAsync($"{path}?sort=price_asc&inStock=true&maxPrice=100")).ShouldBe([N(mid)]);

        var search = await shopper.PageAsync($"/search?q={Uri.EscapeDataString(N(mid))}");
        Names(search).ShouldContain(N(mid));
        search.QuerySelector("meta[name=robots]")!.GetAttribute("content").ShouldBe("noindex");
    }

    [Fact]
    public async Task Unknown_products_and_categories_get_a_404_page_and_bad_filters_a_400_page_naming_the_field()
    {
        var shopper = new StorefrontShopper(factory);
        var missing = await shopper.PageAsync("/p/no-such-product", HttpStatusCode.NotFound);
        Text(missing, "h1").ShouldBe("Not found");
        missing.QuerySelector("meta[name=robots]")!.GetAttribute("content").ShouldBe("noindex");
        await shopper.PageAsync("/c/no-such-category", HttpStatusCode.NotFound);

        var category = await _catalog.CategoryAsync();
        var bad = await shopper.PageAsync($"/c/{category["slug"]}?minPrice=abc", HttpStatusCode.BadRequest);
        Text(bad, "[role=alert]").ShouldContain("Min price");
        var upsideDown = await shopper.PageAsync($"/c/{category["slug"]}?minPrice=50&maxPrice=5", HttpStatusCode.BadRequest);
        Text(upsideDown, "[role=alert]").ShouldContain("Max price");
        Text(await shopper.PageAsync("/search?sort=cheapest", HttpStatusCode.BadRequest), "[role=alert]").ShouldContain("Sort");
    }

    [Fact]
    public async Task A_browser_asking_for_an_unknown_address_gets_the_404_page_and_api_clients_keep_problem_details()
    {
        var shopper = new StorefrontShopper(factory);

        // A browser's navigation: the shop's page (its header, categories and cart), with status 404, a CSP that allows
        // exactly its loader, and ways on.
        var page = await SendAsync(shopper, "/no-such-page/at-all?x=1", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        page.Headers.Vary.ShouldContain("Accept");
        var html = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync(Ct), Ct);
        Text(html, "main h1").ShouldBe("Not found");
        html.QuerySelector("header.top a.brand").ShouldNotBeNull();
        html.QuerySelector("[data-cart-count]").ShouldNotBeNull();
        html.QuerySelector("main form[role=search]").ShouldNotBeNull();
        html.QuerySelector("meta[name=robots]")!.GetAttribute("content").ShouldBe("noindex");
        var loader = html.QuerySelectorAll("script").ShouldHaveSingleItem();
        page.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain($"script-src 'self' {HashSource(loader.TextContent)};");
        using (var head = new HttpRequestMessage(HttpMethod.Head, "/no-such-page"))
        {
            head.Headers.TryAddWithoutValidation("Accept", "text/html");
            var headResponse = await shopper.Http.SendAsync(head, Ct);
            headResponse.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            headResponse.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        }

        // The page's own address is a 404 as well (search engines must not index it as a page).
        (await SendAsync(shopper, "/not-found", "text/html")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // API clients — and the API's, documents' and files' paths even from a browser — still get problem details.
        (string Path, string Accept)[] notPages =
        [
            ("/no-such-page", "application/json"), ("/no-such-page", "*/*"), ("/no-such-page", "text/html;q=0, */*"),
            ("/api/no-such-thing", "text/html"), ("/shop/api/no-such-thing", "text/html"),
            ("/health/no-such-check", "text/html"), ("/_content/no-such.js", "text/html"), ("/media/no-such.svg", "text/html"),
        ];
        foreach (var (path, accept) in notPages)
        {
            var problem = await SendAsync(shopper, path, accept);
            problem.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{path} ({accept})");
            problem.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", $"{path} ({accept})");
        }

        // An unknown OpenAPI document is the OpenAPI endpoint's own 404 (plain text), not the shop's page.
        var document = await SendAsync(shopper, "/openapi/no-such.json", "text/html");
        document.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        document.Content.Headers.ContentType!.MediaType.ShouldNotBe("text/html");

        // Only reads become the page: a form posted to an address nothing answers is still a problem.
        var post = await shopper.Http.PostAsync("/no-such-page", new FormUrlEncodedContent([]), Ct);
        ((int)post.StatusCode).ShouldBeInRange(404, 405);
        post.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static async Task<HttpResponseMessage> SendAsync(StorefrontShopper shopper, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await shopper.Http.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_product_named_like_a_script_is_shown_as_text_and_only_the_pages_own_loader_may_run_inline()
    {
        var category = await _catalog.CategoryAsync();
        var evil = await _catalog.ProductAsync(category, name: "<script>alert(1)</script>");
        var shopper = new StorefrontShopper(factory);

        var response = await shopper.Http.GetAsync($"/p/{evil["slug"]}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");

        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        csp.ShouldContain("frame-ancestors 'none'");

        // Inline, only the stylesheet and the script loader, each allowed by the hash of its exact text.
        var page = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(html, Ct);
        var style = page.QuerySelector("head style")!.TextContent;
        csp.ShouldContain($"style-src 'self' {HashSource(style)};");
        var loader = page.QuerySelectorAll("script").ShouldHaveSingleItem();
        loader.HasAttribute("src").ShouldBeFalse();
        csp.ShouldContain($"script-src 'self' {HashSource(loader.TextContent)};");
        page.QuerySelectorAll("[onclick],[onload],[onerror]").ShouldBeEmpty();

        // The loader imports the fingerprinted client script.
        var src = System.Text.RegularExpressions.Regex.Match(loader.TextContent, "import\\(\"(/_content/[^\"]+\\.js)\"\\)").Groups[1].Value;
        src.ShouldStartWith("/_content/ModularShop.Modules.Storefront/js/shop.");
        var script = await shopper.Http.GetAsync(src, Ct);
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await script.Content.ReadAsStringAsync(Ct)).ShouldContain("\"ready\"");

        // The icon travels inside the page: no request of its own.
        page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!.ShouldStartWith("data:image/svg+xml,");
    }

    private static string HashSource(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";

    [Fact]
    public async Task Anonymous_pages_come_from_the_output_cache_and_a_product_change_shows_at_once()
    {
        var category = await _catalog.CategoryAsync();
        var lamp = await _catalog.ProductAsync(category, price: 30m, stock: 4);
        var path = $"/p/{lamp["slug"]}";
        var shopper = new StorefrontShopper(factory);

        Text(await shopper.PageAsync(path), "[data-product-price]").ShouldBe("$30.00");

        // Served from the cache (once the product's own creation event, delivered asynchronously, has evicted it once).
        var cached = false;
        for (var i = 0; i < 50 && !cached; i++)
        {
            await Task.Delay(i == 0 ? 0 : 100, Ct);
            await shopper.Http.GetAsync(path, Ct);
            cached = (await shopper.Http.GetAsync(path, Ct)).Headers.Age is not null;
        }

        cached.ShouldBeTrue("the second of two quick GETs never came from the output cache");

        await _catalog.ChangeAsync(category, lamp, price: 27m, stock: 0);

        var changed = await shopper.PageAsync(path);
        Text(changed, "[data-product-price]").ShouldBe("$27.00");
        Text(changed, "[data-product-stock]").ShouldBe("Sold out");
        ((AngleSharp.Html.Dom.IHtmlButtonElement)changed.QuerySelector("[data-add]")!).IsDisabled.ShouldBeTrue();
    }
}
