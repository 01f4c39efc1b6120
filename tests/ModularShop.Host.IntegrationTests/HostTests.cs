using System.Net;
using System.Text.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests;

public sealed class HostTests(ShopFactory shop) : IClassFixture<ShopFactory>
{
    [Fact]
    public async Task Every_endpoint_is_documented_with_a_summary_a_tag_a_name_and_its_error_answers()
    {
        using var client = shop.CreateAnonymousClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "post" or "put" or "delete" or "patch")
                .Select(op => (Route: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToList();

        operations.Count.ShouldBeGreaterThan(20, "Catalog and Users together publish more than 20 operations");
        var undocumented = operations
            .Where(o => !o.Operation.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString())
                        || !o.Operation.TryGetProperty("tags", out _)
                        || !o.Operation.TryGetProperty("operationId", out _))
            .Select(o => o.Route)
            .ToList();
        undocumented.ShouldBeEmpty("every endpoint needs .WithSummary, .WithTags and .WithName");

        // Anything that takes input or needs a token documents the problem answers it can give.
        var writesWithoutErrors = operations
            .Where(o => o.Route.StartsWith("POST", StringComparison.Ordinal) || o.Route.StartsWith("PUT", StringComparison.Ordinal))
            .Where(o => !o.Operation.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('4')))
            .Select(o => o.Route)
            .ToList();
        writesWithoutErrors.ShouldBeEmpty("every POST/PUT documents at least one 4xx problem answer");
    }

    [Fact]
    public async Task Health_endpoints_answer_and_readiness_reports_the_database_and_the_outboxes()
    {
        using var client = shop.CreateAnonymousClient();
        var ct = TestContext.Current.CancellationToken;

        (await client.GetAsync(new Uri("/health/live", UriKind.Relative), ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(ct));
        report.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        var checks = report.RootElement.GetProperty("checks");
        checks.EnumerateObject().Select(c => c.Name).ShouldBe(["database", "messaging", "payment-plugins"], ignoreOrder: true);
        checks.EnumerateObject().ShouldAllBe(c => c.Value.GetProperty("status").GetString() == "Healthy");
    }

    [Fact]
    public async Task Interactive_docs_are_served_by_the_host()
    {
        using var client = shop.CreateAnonymousClient();
        var docs = await client.GetAsync(new Uri("/docs/", UriKind.Relative), TestContext.Current.CancellationToken);

        docs.StatusCode.ShouldBe(HttpStatusCode.OK);
        docs.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        (await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("scalar");
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/catalog/categories", HttpStatusCode.MethodNotAllowed)]
    public async Task Unknown_routes_and_wrong_methods_answer_problem_details(string method, string path, HttpStatusCode status)
    {
        using var client = shop.CreateAnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}

/// <summary>The host on real Kestrel (the in-memory test server does not enforce Kestrel's body-size limit).</summary>
public sealed class KestrelShopFactory : ShopFactory
{
    public KestrelShopFactory() => UseKestrel(0);

    protected override void StartHost() => StartServer();
}

public sealed class KestrelLimitTests(KestrelShopFactory shop) : IClassFixture<KestrelShopFactory>
{
    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_with_413_problem_details()
    {
        using var client = shop.CreateAdminClient();
        using var content = new StringContent("{\"name\":\"" + new string('x', 1_100_000) + "\"}", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/admin/catalog/categories", UriKind.Relative), content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}

/// <summary>The host with a configuration it must refuse at start-up.</summary>
public sealed class MisconfiguredShopFactory(IReadOnlyDictionary<string, string?> settings) : ShopFactory(settings);

/// <summary>Settings that would fail every request later are refused when the host starts instead.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Shop:Currency", "usd")]
    [InlineData("Shop:Currency", "US")]
    [InlineData("Auth:SigningKey", "too-short")]
    [InlineData("Messaging:RetryBaseDelay", "00:00:00")]
    public async Task A_bad_setting_stops_the_host_from_starting(string key, string value)
    {
        // The host always refuses to start; but WebApplicationFactory runs Program on a thread of its own, and on a busy
        // machine the host's disposal after the failed start can win the race with the hand-over of its exception, which
        // then surfaces as an ObjectDisposedException of the service provider instead. Only that case is tried again.
        Exception error = new InvalidOperationException("not started");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await using var factory = new MisconfiguredShopFactory(new Dictionary<string, string?> { [key] = value });
            error = await Should.ThrowAsync<Exception>(async () => await factory.InitializeAsync());
            if (error is not ObjectDisposedException)
            {
                break;
            }
        }

        error.ToString().ShouldContain(key.Split(':')[0]);
    }
}
