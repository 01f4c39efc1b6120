using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.Hardening;

/// <summary>
/// The host with one extra response outside the API, made by a later middleware that sets its own
/// <c>Content-Security-Policy</c> and <c>Cache-Control</c> (as the <c>/docs</c> page does): they must be kept.
/// </summary>
public sealed class OwnHeadersShopFactory : ShopFactory
{
    public const string OwnHeadersPath = "/test/own-headers";
    public const string OwnPolicy = "default-src 'self'";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new OwnHeadersStartupFilter()));
    }

    private sealed class OwnHeadersStartupFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        // After the host's pipeline: reached by requests no endpoint matched, as a page would be answered after the headers middleware.
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(async (context, inner) =>
            {
                if (context.Request.Path != OwnHeadersPath)
                {
                    await inner(context);
                    return;
                }

                context.Response.Headers.ContentSecurityPolicy = OwnPolicy;
                context.Response.Headers.CacheControl = "public, max-age=60";
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<p>own headers</p>");
            });
        };
    }
}

/// <summary>Security headers on every answer the application makes, errors included; no-store on what carries tokens or personal data.</summary>
public sealed class SecurityHeadersTests(OwnHeadersShopFactory shop) : IClassFixture<OwnHeadersShopFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?, int> Answers => new()
    {
        { "GET", "/api/catalog/products", null, 200 },
        { "GET", "/api/catalog/categories", null, 200 },
        { "GET", "/api/nothing-here", null, 404 },
        { "DELETE", "/api/catalog/categories", null, 405 },
        { "GET", "/api/users/me", null, 401 },
        { "GET", "/api/admin/users", "customer", 403 },
        { "POST", "/api/admin/catalog/categories", "admin", 400 },
        { "GET", "/api/catalog/products?pageSize=1000", null, 400 },
        { "POST", "/api/carts", null, 201 },
        { "GET", "/health/live", null, 200 },
        { "GET", "/openapi/v1.json", null, 200 },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers(string method, string path, string? role, int status)
    {
        var response = await SendAsync(method, path, role, "{\"name\":");

        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync(Ct));
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Content-Security-Policy").ShouldBe("default-src 'none'; frame-ancestors 'none'");
    }

    [Theory]
    [InlineData("GET", "/api/users/me", "customer")]
    [InlineData("GET", "/api/users/me", null)]
    [InlineData("GET", "/api/users/me/addresses", "customer")]
    [InlineData("GET", "/api/admin/users", "admin")]
    [InlineData("POST", "/api/carts", null)]
    [InlineData("POST", "/api/carts", "customer")]
    [InlineData("GET", "/api/carts/mine", "customer")]
    [InlineData("POST", "/api/users/login", null)]
    [InlineData("POST", "/api/users/refresh", null)]
    [InlineData("GET", "/api/catalog/products", "admin")]
    [InlineData("GET", "/api/nothing-here", null)]
    public async Task Answers_that_may_carry_tokens_or_personal_data_are_not_stored_by_any_cache(string method, string path, string? role)
    {
        var response = await SendAsync(method, path, role, "{}");

        response.Headers.CacheControl.ShouldNotBeNull($"{method} {path} answered {(int)response.StatusCode} without Cache-Control");
        response.Headers.CacheControl.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Registration_and_sign_in_answers_are_not_stored()
    {
        using var client = shop.CreateAnonymousClient();
        var email = $"headers-{Guid.NewGuid():N}@example.com";

        var registered = await client.PostAsJsonAsync("/api/users/register", new { email, password = "correct horse 9", name = "Ann" }, Ct);
        var signedIn = await client.PostAsJsonAsync("/api/users/login", new { email, password = "correct horse 9" }, Ct);

        await registered.ExpectStatusAsync(HttpStatusCode.Created);
        await signedIn.ExpectStatusAsync(HttpStatusCode.OK);
        registered.Headers.CacheControl!.NoStore.ShouldBeTrue();
        signedIn.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Public_catalog_reads_stay_cacheable_and_come_from_the_output_cache()
    {
        using var client = shop.CreateAnonymousClient();

        var first = await client.GetAsync(new Uri("/api/catalog/categories", UriKind.Relative), Ct);
        var second = await client.GetAsync(new Uri("/api/catalog/categories", UriKind.Relative), Ct);

        await second.ExpectStatusAsync(HttpStatusCode.OK);
        (first.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
        (second.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
        second.Headers.Age.ShouldNotBeNull("the second read comes from the output cache");
        Header(second, "X-Content-Type-Options").ShouldBe("nosniff");
    }

    [Fact]
    public async Task A_response_that_sets_its_own_policy_and_cache_control_keeps_them()
    {
        using var client = shop.CreateAnonymousClient();

        var response = await client.GetAsync(new Uri(OwnHeadersShopFactory.OwnHeadersPath, UriKind.Relative), Ct);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Header(response, "Content-Security-Policy").ShouldBe(OwnHeadersShopFactory.OwnPolicy);
        response.Headers.CacheControl!.ToString().ShouldBe("public, max-age=60");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? role, string body)
    {
        using var client = role switch
        {
            "admin" => shop.CreateAdminClient(),
            "customer" => shop.CreateCustomerClient(),
            _ => shop.CreateAnonymousClient(),
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
