using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>Retried cart POSTs with the same <c>Idempotency-Key</c> never create or add twice.</summary>
public sealed class IdempotencyTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CartDriver _carts = new(factory);

    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task A_retried_cart_creation_answers_the_same_cart()
    {
        var key = NewKey();
        var client = _carts.Customer();

        var first = await PostAsync(client, CartDriver.Carts, null, key);
        var retry = await PostAsync(client, CartDriver.Carts, null, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        (await retry.Content.ReadAsStringAsync(CartDriver.Ct)).ShouldBe(await first.Content.ReadAsStringAsync(CartDriver.Ct));
        (await (await _carts.MineAsync(client)).ReadJsonAsync<CartDto>()).Id
            .ShouldBe((await first.ReadJsonAsync<CartDto>(HttpStatusCode.Created)).Id);
    }

    [Fact]
    public async Task A_retried_add_is_replayed_not_added_again_and_another_body_is_422()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var cart = await _carts.CreateCartAsync();
        var key = NewKey();
        var url = $"{CartDriver.Carts}/{cart.Id}/items";

        var first = await PostAsync(_carts.Anonymous, url, new { productId = product.Id, quantity = 2 }, key);
        var retry = await PostAsync(_carts.Anonymous, url, new { productId = product.Id, quantity = 2 }, key);

        (await first.ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(2);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await retry.ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(2);
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(2);

        var reused = await PostAsync(_carts.Anonymous, url, new { productId = product.Id, quantity = 3 }, key);
        (await reused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code.ShouldBe("idempotency.key_reused");
        var otherCart = await _carts.CreateCartAsync();
        await (await PostAsync(_carts.Anonymous, $"{CartDriver.Carts}/{otherCart.Id}/items", new { productId = product.Id, quantity = 2 }, key))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        var fresh = await PostAsync(_carts.Anonymous, url, new { productId = product.Id, quantity = 2 }, NewKey());
        (await fresh.ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(4);
    }

    [Fact]
    public async Task Twenty_parallel_retries_of_one_add_add_once()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var cart = await _carts.CreateCartAsync();
        var key = NewKey();
        using var start = new ManualResetEventSlim();

        var requests = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait(CartDriver.Ct);
            return await PostAsync(factory.CreateAnonymousClient(), $"{CartDriver.Carts}/{cart.Id}/items", new { productId = product.Id, quantity = 1 }, key);
        }, CartDriver.Ct)).ToList();
        start.Set();
        var answers = await Task.WhenAll(requests);

        var firsts = answers.Count(r => r.StatusCode == HttpStatusCode.OK && !r.Headers.Contains("Idempotent-Replayed"));
        var replays = answers.Count(r => r.StatusCode == HttpStatusCode.OK && r.Headers.Contains("Idempotent-Replayed"));
        var inFlight = answers.Count(r => r.StatusCode == HttpStatusCode.Conflict);
        firsts.ShouldBe(1);
        (firsts + replays + inFlight).ShouldBe(20, "every answer is the first, a replay, or 409 in flight");
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_add_is_replayed_as_refused_and_a_bad_request_releases_the_key()
    {
        var product = await _carts.CreateProductAsync(stock: 1);
        var cart = await _carts.CreateCartAsync();
        var url = $"{CartDriver.Carts}/{cart.Id}/items";

        var tooMany = NewKey();
        await (await PostAsync(_carts.Anonymous, url, new { productId = product.Id, quantity = 2 }, tooMany)).ReadProblemAsync(HttpStatusCode.Conflict);
        var replayed = await PostAsync(_carts.Anonymous, url, new { productId = product.Id, quantity = 2 }, tooMany);
        replayed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        replayed.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);

        var corrected = NewKey();
        await (await PostAsync(_carts.Anonymous, url, new { productId = product.Id, quantity = 0 }, corrected)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var afterFix = await PostAsync(_carts.Anonymous, url, new { productId = product.Id, quantity = 1 }, corrected);
        (await afterFix.ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(1);
    }

    [Fact]
    public async Task After_a_stale_If_Match_the_reloaded_retry_is_a_new_request_not_a_replay_of_the_409()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var cart = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(cart.Id, product.Id, 1);
        var url = $"{CartDriver.Carts}/{cart.Id}/items";
        var key = NewKey();
        var body = new { productId = product.Id, quantity = 1 };

        var stale = await PostAsync(_carts.Anonymous, url, body, key, ifMatch: $"\"{cart.Version}\"");
        (await stale.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("concurrency.stale_version");
        (await (await PostAsync(_carts.Anonymous, url, body, key, ifMatch: $"\"{cart.Version}\"")).ReadProblemAsync(HttpStatusCode.Conflict))
            .Code.ShouldBe("concurrency.stale_version", "the same request again is the same answer");

        var reloadedSameKey = await PostAsync(_carts.Anonymous, url, body, key, ifMatch: $"\"{cart.Version + 1}\"");
        (await reloadedSameKey.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code.ShouldBe("idempotency.key_reused");
        var reloaded = await PostAsync(_carts.Anonymous, url, body, NewKey(), ifMatch: $"\"{cart.Version + 1}\"");
        (await reloaded.ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(2);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body, string key, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, CartDriver.Ct);
    }
}
