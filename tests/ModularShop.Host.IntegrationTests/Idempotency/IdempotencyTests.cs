using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Shouldly;
using Xunit;
using static ModularShop.Host.IntegrationTests.Idempotency.IdempotencyDriver;

namespace ModularShop.Host.IntegrationTests.Idempotency;

/// <summary>The <c>Idempotency-Key</c> contract of API.md ("Conventions") on the real creating endpoints.</summary>
public sealed class IdempotencyTests(ShopFactory shop) : IClassFixture<ShopFactory>
{
    private readonly IdempotencyDriver _driver = new(shop);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_response_and_creates_one_product()
    {
        var category = await _driver.CreateCategoryAsync();
        var body = ProductBody(category.Id);
        var key = NewKey();

        var first = await PostAsync(_driver.Admin, AdminProducts, body, key);
        var retry = await PostAsync(_driver.Admin, AdminProducts, body, key);

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        first.Replayed.ShouldBeFalse();
        retry.Status.ShouldBe(HttpStatusCode.Created);
        retry.Replayed.ShouldBeTrue("a replay says so in Idempotent-Replayed: true");
        retry.Body.ShouldBe(first.Body);
        retry.ContentType.ShouldBe("application/json");
        retry.Location.ShouldNotBeNull();
        retry.Location.ShouldBe(first.Location);
        retry.ETag.ShouldNotBeNull();
        retry.ETag.ShouldBe(first.ETag);
        (await _driver.ProductCountAsync(category.Slug)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_creates_nothing_more()
    {
        var category = await _driver.CreateCategoryAsync();
        var key = NewKey();
        (await PostAsync(_driver.Admin, AdminProducts, ProductBody(category.Id), key)).Status.ShouldBe(HttpStatusCode.Created);

        var reused = await PostAsync(_driver.Admin, AdminProducts, ProductBody(category.Id), key);

        reused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, reused.Body);
        reused.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        reused.Code.ShouldBe("idempotency.key_reused");
        (await _driver.ProductCountAsync(category.Slug)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_on_another_endpoint_is_422()
    {
        var key = NewKey();
        (await PostAsync(_driver.Admin, AdminCategories, new JsonObject { ["name"] = $"Category {UniqueWord()}" }, key)).Status
            .ShouldBe(HttpStatusCode.Created);

        var other = await PostAsync(_driver.Admin, AdminProducts, ProductBody((await _driver.CreateCategoryAsync()).Id), key);

        other.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, other.Body);
        other.Code.ShouldBe("idempotency.key_reused");
    }

    [Fact]
    public async Task Keys_are_per_user_so_two_admins_with_the_same_key_both_create()
    {
        var category = await _driver.CreateCategoryAsync();
        var key = NewKey();
        using var otherAdmin = shop.CreateAdminClient();

        var mine = await PostAsync(_driver.Admin, AdminProducts, ProductBody(category.Id), key);
        var theirs = await PostAsync(otherAdmin, AdminProducts, ProductBody(category.Id), key);

        mine.Status.ShouldBe(HttpStatusCode.Created, mine.Body);
        theirs.Status.ShouldBe(HttpStatusCode.Created, theirs.Body);
        theirs.Replayed.ShouldBeFalse();
        theirs.Location.ShouldNotBe(mine.Location);
        (await _driver.ProductCountAsync(category.Slug)).ShouldBe(2);
    }

    [Fact]
    public async Task Twenty_parallel_requests_with_one_key_have_exactly_one_effect()
    {
        var category = await _driver.CreateCategoryAsync();
        var body = ProductBody(category.Id);
        var key = NewKey();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, 20).Select(_ => Task.Run(
            async () =>
            {
                await start.Task;
                return await PostAsync(_driver.Admin, AdminProducts, body, key);
            },
            Ct)).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(requests);

        var firstEffects = answers.Where(a => a.Status == HttpStatusCode.Created && !a.Replayed).ToList();
        var replays = answers.Where(a => a.Status == HttpStatusCode.Created && a.Replayed).ToList();
        var inFlight = answers.Where(a => a.Status == HttpStatusCode.Conflict).ToList();
        firstEffects.Count.ShouldBe(1, string.Join("\n", answers.Select(a => $"{(int)a.Status} {a.Body}")));
        (replays.Count + inFlight.Count).ShouldBe(19, "every other answer is a replay or 409 in flight");
        replays.ShouldAllBe(r => r.Body == firstEffects[0].Body && r.Location == firstEffects[0].Location);
        inFlight.ShouldAllBe(c => c.Code == "idempotency.in_flight" && c.RetryAfter == "1");
        (await _driver.ProductCountAsync(category.Slug)).ShouldBe(1);
    }

    [Fact]
    public async Task A_product_created_with_a_key_evicts_the_cached_public_list_after_its_commit()
    {
        var category = await _driver.CreateCategoryAsync();
        using var anonymous = shop.CreateAnonymousClient();
        var list = new Uri($"/api/catalog/products?category={category.Slug}", UriKind.Relative);
        (await (await anonymous.GetAsync(list, Ct)).ReadJsonElementAsync()).GetProperty("totalCount").GetInt64().ShouldBe(0);

        var created = await PostAsync(_driver.Admin, AdminProducts, ProductBody(category.Id), NewKey());

        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        (await (await anonymous.GetAsync(list, Ct)).ReadJsonElementAsync()).GetProperty("totalCount").GetInt64()
            .ShouldBe(1, "the eviction filter runs outside the idempotency transaction, after the commit, and still sees the 201");
    }

    [Fact]
    public async Task A_400_releases_the_key_so_a_corrected_retry_with_the_same_key_creates()
    {
        var category = await _driver.CreateCategoryAsync();
        var key = NewKey();
        var invalid = ProductBody(category.Id, price: -1m);

        var rejected = await PostAsync(_driver.Admin, AdminProducts, invalid, key);
        var corrected = await PostAsync(_driver.Admin, AdminProducts, ProductBody(category.Id), key);

        rejected.Status.ShouldBe(HttpStatusCode.BadRequest, rejected.Body);
        corrected.Status.ShouldBe(HttpStatusCode.Created, corrected.Body);
        corrected.Replayed.ShouldBeFalse();
        (await _driver.ProductCountAsync(category.Slug)).ShouldBe(1);
    }

    [Fact]
    public async Task A_business_conflict_is_remembered_and_replayed()
    {
        var category = await _driver.CreateCategoryAsync();
        var name = $"Product {UniqueWord()}";
        (await PostAsync(_driver.Admin, AdminProducts, ProductBody(category.Id, name), key: null)).Status.ShouldBe(HttpStatusCode.Created);
        var key = NewKey();
        var duplicate = ProductBody(category.Id, name);

        var conflict = await PostAsync(_driver.Admin, AdminProducts, duplicate, key);
        var retry = await PostAsync(_driver.Admin, AdminProducts, duplicate, key);

        conflict.Status.ShouldBe(HttpStatusCode.Conflict, conflict.Body);
        conflict.Replayed.ShouldBeFalse();
        retry.Status.ShouldBe(HttpStatusCode.Conflict);
        retry.Replayed.ShouldBeTrue("the work ran and answered 409: that outcome is the key's");
        retry.Body.ShouldBe(conflict.Body);
        retry.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
    }

    [Theory]
    [InlineData("control character")]
    [InlineData("256 characters")]
    public async Task An_invalid_key_is_400_naming_the_header_and_creates_nothing(string kind)
    {
        var category = await _driver.CreateCategoryAsync();
        var key = kind switch
        {
            "256 characters" => NewKey().PadRight(256, 'k'),
            _ => "a\tb",
        };

        var answer = await PostAsync(_driver.Admin, AdminProducts, ProductBody(category.Id), key);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Body);
        answer.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        answer.Json.GetProperty("errors").TryGetProperty("Idempotency-Key", out var messages).ShouldBeTrue(answer.Body);
        messages.GetArrayLength().ShouldBeGreaterThan(0);
        (await _driver.ProductCountAsync(category.Slug)).ShouldBe(0);
    }

    [Fact]
    public async Task A_key_of_255_characters_is_accepted()
    {
        var category = await _driver.CreateCategoryAsync();

        var answer = await PostAsync(_driver.Admin, AdminProducts, ProductBody(category.Id), NewKey().PadRight(255, 'k'));

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Body);
    }

    [Fact]
    public async Task Without_a_key_two_identical_requests_are_two_creations()
    {
        var category = await _driver.CreateCategoryAsync();
        var body = new JsonObject { ["name"] = $"Category {UniqueWord()}", ["parentId"] = category.Id };
        var other = (JsonObject)body.DeepClone();
        other["name"] = $"Category {UniqueWord()}";

        var first = await PostAsync(_driver.Admin, AdminCategories, body, key: null);
        var second = await PostAsync(_driver.Admin, AdminCategories, other, key: null);
        var again = await PostAsync(_driver.Admin, AdminCategories, body, key: null);

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        second.Status.ShouldBe(HttpStatusCode.Created, second.Body);
        again.Status.ShouldBe(HttpStatusCode.Conflict, "without a key the same body runs again (and hits the unique slug)");
        again.Replayed.ShouldBeFalse();
    }

    [Fact]
    public async Task Registration_replays_for_an_anonymous_caller_and_creates_one_account()
    {
        using var anonymous = shop.CreateAnonymousClient();
        var email = $"{UniqueWord()}@example.com";
        var body = new JsonObject { ["email"] = email, ["password"] = "correct horse 1", ["name"] = "Ida Empotent" };
        var key = NewKey();

        var first = await PostAsync(anonymous, Register, body, key);
        var retry = await PostAsync(anonymous, Register, body, key);
        var withoutKey = await PostAsync(anonymous, Register, body, key: null);

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        retry.Status.ShouldBe(HttpStatusCode.Created, retry.Body);
        retry.Replayed.ShouldBeTrue();
        retry.Body.ShouldBe(first.Body);
        retry.Location.ShouldBe(first.Location);
        withoutKey.Status.ShouldBe(HttpStatusCode.Conflict, "the account exists once; only the key made the retry safe");
    }

    [Fact]
    public async Task Registration_with_a_weak_password_releases_the_key_for_the_corrected_retry()
    {
        using var anonymous = shop.CreateAnonymousClient();
        var email = $"{UniqueWord()}@example.com";
        var key = NewKey();

        var weak = await PostAsync(anonymous, Register, new JsonObject { ["email"] = email, ["password"] = "short", ["name"] = "Ida" }, key);
        var corrected = await PostAsync(anonymous, Register, new JsonObject { ["email"] = email, ["password"] = "long enough 1", ["name"] = "Ida" }, key);

        weak.Status.ShouldBe(HttpStatusCode.BadRequest, weak.Body);
        corrected.Status.ShouldBe(HttpStatusCode.Created, corrected.Body);
        corrected.Replayed.ShouldBeFalse();
    }

    [Fact]
    public async Task Adding_an_address_twice_with_one_key_stores_one_address()
    {
        using var anonymous = shop.CreateAnonymousClient();
        var email = $"{UniqueWord()}@example.com";
        const string password = "correct horse 1";
        (await PostAsync(anonymous, Register, new JsonObject { ["email"] = email, ["password"] = password, ["name"] = "Ada" }, key: null))
            .Status.ShouldBe(HttpStatusCode.Created);
        var tokens = await (await anonymous.PostAsJsonAsync("/api/users/login", new { email, password }, Ct)).ReadJsonElementAsync();
        using var user = shop.CreateClientWithToken(tokens.GetProperty("accessToken").GetString()!);
        var address = new JsonObject
        {
            ["fullName"] = "Ada Lovelace",
            ["line1"] = "1 Main Street",
            ["city"] = "London",
            ["postalCode"] = "N1 1AA",
            ["country"] = "GB",
        };
        var key = NewKey();

        var first = await PostAsync(user, Addresses, address, key);
        var retry = await PostAsync(user, Addresses, address, key);

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        retry.Replayed.ShouldBeTrue();
        retry.Location.ShouldBe(first.Location);
        var list = await (await user.GetAsync(new Uri(Addresses, UriKind.Relative), Ct)).ReadJsonElementAsync();
        (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_OpenAPI_document_shows_the_key_header_and_its_answers_on_the_creating_posts()
    {
        using var client = shop.CreateAnonymousClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[] { AdminProducts, AdminCategories, Register, Addresses })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            var header = post.GetProperty("parameters").EnumerateArray()
                .SingleOrDefault(p => p.GetProperty("name").GetString() == "Idempotency-Key");
            header.ValueKind.ShouldBe(JsonValueKind.Object, $"POST {path} documents Idempotency-Key");
            header.GetProperty("in").GetString().ShouldBe("header");
            (header.TryGetProperty("required", out var required) && required.GetBoolean()).ShouldBeFalse("the header is optional");
            var responses = post.GetProperty("responses");
            responses.TryGetProperty("409", out _).ShouldBeTrue($"POST {path} documents 409");
            responses.TryGetProperty("422", out _).ShouldBeTrue($"POST {path} documents 422");
        }

        var login = paths.GetProperty("/api/users/login").GetProperty("post");
        (login.TryGetProperty("parameters", out var loginParameters)
            && loginParameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key")).ShouldBeFalse();
    }
}

/// <summary>On real Kestrel: the in-memory test client drops a header whose value is empty; a real client may send one.</summary>
public sealed class IdempotencyKeyOnTheWireTests(KestrelShopFactory shop) : IClassFixture<KestrelShopFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_key_is_400_naming_the_header(string key)
    {
        var driver = new IdempotencyDriver(shop);
        var category = await driver.CreateCategoryAsync();

        var answer = await PostAsync(driver.Admin, AdminProducts, ProductBody(category.Id), key);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Body);
        answer.Json.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue(answer.Body);
        (await driver.ProductCountAsync(category.Slug)).ShouldBe(0);
    }
}
