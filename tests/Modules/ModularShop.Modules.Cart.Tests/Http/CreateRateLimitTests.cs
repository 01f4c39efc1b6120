using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>A host allowing 5 anonymous cart creations per client address and 8 per signed-in user, per minute.</summary>
public sealed class TightCartRateLimitFactory : ShopFactory
{
    public const int AnonymousLimit = 5;
    public const int UserLimit = 8;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Cart:CreateRateLimit:AnonymousPermitLimit"] = AnonymousLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Cart:CreateRateLimit:UserPermitLimit"] = UserLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Cart:CreateRateLimit:Window"] = "00:01:00";
    }
}

/// <summary>Creating carts is rate-limited: anonymous callers per client address, signed-in users per user.</summary>
public sealed class CreateRateLimitTests(TightCartRateLimitFactory factory) : IClassFixture<TightCartRateLimitFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_creates_over_the_limit_from_one_address_are_429_with_retry_after_and_another_address_is_unaffected()
    {
        using var client = factory.CreateAnonymousClient();
        for (var i = 0; i < TightCartRateLimitFactory.AnonymousLimit; i++)
        {
            await (await CreateAsync(client, "203.0.113.10")).ExpectStatusAsync(HttpStatusCode.Created);
        }

        var refused = await CreateAsync(client, "203.0.113.10");

        var problem = await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Code.ShouldBe("rate_limited");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        refused.Headers.RetryAfter.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        refused.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        refused.Headers.CacheControl!.NoStore.ShouldBeTrue();

        await (await CreateAsync(client, "203.0.113.11")).ExpectStatusAsync(HttpStatusCode.Created);

        // Only creating is limited: the address may still use its carts.
        var cart = await (await CreateAsync(client, "203.0.113.12")).ReadJsonAsync<CartDto>(HttpStatusCode.Created);
        for (var i = 0; i < TightCartRateLimitFactory.AnonymousLimit + 1; i++)
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, $"{CartDriver.Carts}/{cart.Id}");
            read.Headers.Add("X-Forwarded-For", "203.0.113.10");
            await (await client.SendAsync(read, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_signed_in_user_is_limited_per_user_not_by_the_anonymous_limit_of_the_address()
    {
        using var user = factory.CreateCustomerClient();
        using var other = factory.CreateCustomerClient();
        for (var i = 0; i < TightCartRateLimitFactory.UserLimit; i++)
        {
            await (await CreateAsync(user, "203.0.113.20")).ExpectStatusAsync(HttpStatusCode.Created);
        }

        (await (await CreateAsync(user, "203.0.113.20")).ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code.ShouldBe("rate_limited");
        await (await CreateAsync(other, "203.0.113.20")).ExpectStatusAsync(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, CartDriver.Carts);
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request, Ct);
    }
}
