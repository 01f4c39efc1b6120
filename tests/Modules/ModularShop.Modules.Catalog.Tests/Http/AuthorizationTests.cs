using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Http;

/// <summary>Every admin catalog endpoint refuses callers without a valid admin token, before looking at the request.</summary>
public sealed class AuthorizationTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private static readonly string SomeId = Guid.NewGuid().ToString();

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "POST", "/api/admin/catalog/products" },
        { "PUT", $"/api/admin/catalog/products/{SomeId}" },
        { "DELETE", $"/api/admin/catalog/products/{SomeId}" },
        { "PUT", $"/api/admin/catalog/products/{SomeId}/variants/{SomeId}/stock" },
        { "POST", "/api/admin/catalog/categories" },
        { "PUT", $"/api/admin/catalog/categories/{SomeId}" },
        { "DELETE", $"/api/admin/catalog/categories/{SomeId}" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoint_without_a_token_is_401(string method, string path)
    {
        var response = await SendAsync(factory.CreateAnonymousClient(), method, path);

        (await response.ReadProblemAsync(HttpStatusCode.Unauthorized)).ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer");
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoint_with_a_tampered_token_is_401(string method, string path)
    {
        var response = await SendAsync(factory.CreateClientWithToken(TestTokens.Tampered()), method, path);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoint_with_an_expired_admin_token_is_401(string method, string path)
    {
        var response = await SendAsync(factory.CreateClientWithToken(TestTokens.Expired()), method, path);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoint_with_a_customer_token_is_403(string method, string path)
    {
        var response = await SendAsync(factory.CreateCustomerClient(), method, path);

        (await response.ReadProblemAsync(HttpStatusCode.Forbidden)).ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
    }

    [Fact]
    public async Task Admin_token_signed_with_another_key_is_401()
    {
        var response = await SendAsync(factory.CreateClientWithToken(TestTokens.SignedWithAnotherKey()), "POST", "/api/admin/catalog/categories");

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_token_for_another_audience_or_issuer_is_401()
    {
        var otherAudience = TestTokens.Create(Guid.NewGuid(), roles: [TestTokens.AdminRole], audience: "someone-else");
        var otherIssuer = TestTokens.Create(Guid.NewGuid(), roles: [TestTokens.AdminRole], issuer: "someone-else");

        await (await SendAsync(factory.CreateClientWithToken(otherAudience), "POST", "/api/admin/catalog/categories"))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await SendAsync(factory.CreateClientWithToken(otherIssuer), "POST", "/api/admin/catalog/categories"))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refused_caller_changes_nothing()
    {
        var name = $"Sneaky {CatalogDriver.UniqueWord()}";

        await (await factory.CreateCustomerClient().PostAsJsonAsync("/api/admin/catalog/categories", new { name }, TestContext.Current.CancellationToken))
            .ExpectStatusAsync(HttpStatusCode.Forbidden);

        (await new CatalogDriver(factory).ListCategoriesAsync()).ShouldNotContain(c => c.Name == name);
    }

    [Fact]
    public async Task Public_catalog_reads_need_no_token()
    {
        var anonymous = factory.CreateAnonymousClient();

        await (await anonymous.GetAsync("/api/catalog/products", TestContext.Current.CancellationToken)).ExpectStatusAsync(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/api/catalog/categories", TestContext.Current.CancellationToken)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        // A valid-looking body, so that only the caller decides the answer.
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "DELETE")
        {
            request.Content = JsonContent.Create(new { name = "Anything", stock = 1 });
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
