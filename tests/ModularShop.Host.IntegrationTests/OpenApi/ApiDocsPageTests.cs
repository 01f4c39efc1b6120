using System.Net;
using System.Text.RegularExpressions;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.OpenApi;

/// <summary><c>/docs</c>: a real title, everything from the host itself, nothing that sends the document out.</summary>
public sealed partial class ApiDocsPageTests(ShopFactory shop) : IClassFixture<ShopFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_docs_page_has_a_real_title_and_loads_only_the_hosts_own_files()
    {
        using var client = shop.CreateAnonymousClient();
        var page = await client.GetAsync(new Uri("/docs/", UriKind.Relative), Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Ct);

        TitleOf().Match(html).Groups[1].Value.Trim().ShouldBe("ModularShop API reference");
        // No other origin anywhere in the page or its configuration: no CDN, no fonts, no proxy.
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        html.ShouldNotContain("//", customMessage: "no protocol-relative URL either", caseSensitivity: Case.Sensitive);

        var assets = AssetOf().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        assets.ShouldNotBeEmpty();
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(new Uri(new Uri("http://localhost/docs/"), asset), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"/docs/{asset} is served by the host");
        }
    }

    [Fact]
    public async Task Nothing_on_the_docs_page_sends_the_document_out()
    {
        using var client = shop.CreateAnonymousClient();
        var html = await client.GetStringAsync(new Uri("/docs/", UriKind.Relative), Ct);

        html.ShouldContain("\"agent\":{\"disabled\":true}", customMessage: "no 'Ask AI'");
        html.ShouldContain("\"mcp\":{\"disabled\":true}");
        html.ShouldContain("\"showDeveloperTools\":\"never\"", customMessage: "no 'Deploy' or 'Generate SDK' toolbar");
        html.ShouldContain("\"hideClientButton\":true");
        html.ShouldContain("\"telemetry\":false");
        html.ShouldContain("\"withDefaultFonts\":false", customMessage: "no fonts from a CDN");
        html.ShouldNotContain("proxyUrl");
    }

    [Fact]
    public async Task The_docs_page_has_a_strict_content_security_policy_and_cannot_be_framed()
    {
        using var client = shop.CreateAnonymousClient();
        var first = await client.GetAsync(new Uri("/docs/", UriKind.Relative), Ct);
        var second = await client.GetAsync(new Uri("/docs/", UriKind.Relative), Ct);
        var html = await first.Content.ReadAsStringAsync(Ct);

        first.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        var csp = first.Headers.GetValues("Content-Security-Policy").Single();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToList());
        directives["default-src"].ShouldBe(new[] { "'none'" });
        directives["connect-src"].ShouldBe(new[] { "'self'" }); // the page may talk to this shop only
        directives["font-src"].ShouldNotContain(s => s.StartsWith("http", StringComparison.Ordinal));
        directives["frame-ancestors"].ShouldBe(new[] { "'none'" });
        var scripts = directives["script-src"];
        scripts.ShouldNotContain("'unsafe-inline'");
        scripts.ShouldNotContain("'unsafe-eval'");
        var nonce = scripts.Single(s => s.StartsWith("'nonce-", StringComparison.Ordinal))[7..^1];

        // Every script element carries this response's nonce, and the next response has another one.
        var tags = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        tags.ShouldNotBeEmpty();
        tags.ShouldAllBe(tag => tag.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal));
        second.Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain(nonce);
    }

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitleOf();

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex AssetOf();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
