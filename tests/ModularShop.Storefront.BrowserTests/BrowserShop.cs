using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ModularShop.Testing;
using Xunit;

namespace ModularShop.Storefront.BrowserTests;

/// <summary>
/// The host on real Kestrel with a real PostgreSQL database, and Debian's Chromium driven by Playwright (launched by
/// path: nothing is downloaded). The shop is addressed as <c>http://localhost:port</c>, where Chromium accepts the
/// storefront's Secure cookies. Catalog data is made through the admin API, as a merchant makes it.
/// </summary>
public sealed class BrowserShop : ShopFactory
{
    /// <summary>Debian's package (<c>apt-get install chromium</c>); <c>CHROMIUM_PATH</c> overrides.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserShop() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    protected override void StartHost() => StartServer();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = "http://localhost:" + new Uri(address).Port;

        if (!File.Exists(ChromiumPath))
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", $"No Chromium at {ChromiumPath} (apt-get install chromium).");
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: eng/test.sh installs it in CI.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A new browser profile (its own cookies and localStorage), addressed at the shop.</summary>
    public Task<IBrowserContext> NewShopperAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });

    // ---- catalog and accounts through the REST API ------------------------------------------------------------

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<JsonObject> CategoryAsync()
    {
        var admin = CreateAdminClient();
        var name = $"Lamps {Guid.NewGuid():N}"[..16];
        return await (await admin.PostAsJsonAsync("/api/admin/catalog/categories", new { name }, Ct)).ReadJsonAsync<JsonObject>(HttpStatusCode.Created);
    }

    public async Task<JsonObject> ProductAsync(JsonObject category, string? name = null, decimal price = 19.99m, int stock = 10, object[]? variants = null)
    {
        var admin = CreateAdminClient();
        name ??= $"Brass lamp {Guid.NewGuid():N}"[..18];
        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = $"{name}: a lamp for reading.",
            ["price"] = price,
            ["categoryId"] = category["id"]!.GetValue<Guid>(),
            ["stock"] = variants is null ? stock : null,
            ["images"] = new JsonArray("/media/catalog/demo/lamp.svg"),
            ["variants"] = variants is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(variants, Web),
        };
        return await (await admin.PostAsJsonAsync("/api/admin/catalog/products", body, Ct)).ReadJsonAsync<JsonObject>(HttpStatusCode.Created);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    public const string Password = "correct horse 9";

    /// <summary>A registered customer, and an API client signed in as them.</summary>
    public async Task<(string Email, HttpClient Api)> CustomerAsync(string name = "Ann Shopper")
    {
        var email = $"shopper-{Guid.NewGuid():N}@example.com";
        var api = CreateClient();
        (await api.PostAsJsonAsync("/api/users/register", new { email, password = Password, name }, Ct)).StatusCode.ShouldBeCreated();
        var tokens = await (await api.PostAsJsonAsync("/api/users/login", new { email, password = Password }, Ct)).ReadJsonAsync<JsonObject>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens["accessToken"]!.GetValue<string>());
        return (email, api);
    }
}

internal static class StatusExtensions
{
    public static void ShouldBeCreated(this HttpStatusCode status)
    {
        if (status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Expected 201, got {(int)status}.");
        }
    }
}

/// <summary>Navigation that waits for the client script, which the pages fetch only after their first paint.</summary>
public static class ShopPageExtensions
{
    /// <summary>Opens <paramref name="path"/> and waits until the client script has wired the page.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.ReadyAsync();
    }

    /// <summary>Waits until the client script has wired the current page (<c>&lt;html data-shop="ready"&gt;</c>).</summary>
    public static Task ReadyAsync(this IPage page) =>
        Assertions.Expect(page.Locator("html[data-shop=ready]")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
}
