using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.Hardening;

/// <summary>The host with registration limits raised, so that parallel registrations race in the database, not the limiter.</summary>
public sealed class RaceShopFactory : ShopFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Users:RateLimit:PermitLimit"] = "100000";
        settings["Users:PasswordIterations"] = "100000";
        settings["Users:HashingQueueLimit"] = "1000";
    }
}

/// <summary>
/// Creates and updates that race for one unique value (a slug, a sku, an e-mail address): exactly one wins, every
/// other answers the same 409 as a request made after it — never a database index or constraint name.
/// </summary>
public sealed class UniqueRaceTests(RaceShopFactory shop) : IClassFixture<RaceShopFactory>
{
    private const int Racers = 20;
    private const string AdminProducts = "/api/admin/catalog/products";
    private const string AdminCategories = "/api/admin/catalog/categories";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_product_creates_with_one_slug_give_one_product_and_the_domain_conflict()
    {
        using var admin = shop.CreateAdminClient();
        var category = await CreateCategoryAsync(admin);
        var slug = $"race-{Guid.NewGuid():N}";

        await AssertOneWinnerAsync(
            i => admin.PostAsJsonAsync(AdminProducts, Product(category, slug, $"SKU-{Guid.NewGuid():N}"[..20]), Ct),
            HttpStatusCode.Created,
            "catalog.slug_taken");
    }

    /// <summary>With an <c>Idempotency-Key</c> the work runs in the key's transaction: the loser's 409 is recorded in it.</summary>
    [Fact]
    public async Task Parallel_idempotent_product_creates_with_one_slug_give_one_product_and_a_replayable_domain_conflict()
    {
        using var admin = shop.CreateAdminClient();
        var category = await CreateCategoryAsync(admin);
        var slug = $"race-{Guid.NewGuid():N}";
        var keys = Enumerable.Range(0, Racers).Select(_ => Guid.NewGuid().ToString()).ToList();
        var bodies = Enumerable.Range(0, Racers).Select(_ => Product(category, slug, $"SKU-{Guid.NewGuid():N}"[..20]).ToJsonString()).ToList();
        Task<HttpResponseMessage> Send(int i)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, AdminProducts) { Content = HttpResponseExtensions.RawJson(bodies[i]) };
            request.Headers.Add("Idempotency-Key", keys[i]);
            return admin.SendAsync(request, Ct);
        }

        var answers = await AssertOneWinnerAsync(Send, HttpStatusCode.Created, "catalog.slug_taken");

        var loser = answers.ToList().FindIndex(a => a.StatusCode == HttpStatusCode.Conflict);
        var replay = await Send(loser);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await replay.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("catalog.slug_taken");
    }

    [Fact]
    public async Task Parallel_product_creates_with_one_sku_give_one_product_and_the_domain_conflict()
    {
        using var admin = shop.CreateAdminClient();
        var category = await CreateCategoryAsync(admin);
        var sku = $"SKU-{Guid.NewGuid():N}"[..20];

        await AssertOneWinnerAsync(
            i => admin.PostAsJsonAsync(AdminProducts, Product(category, $"race-{Guid.NewGuid():N}", sku), Ct),
            HttpStatusCode.Created,
            "catalog.sku_taken");
    }

    [Fact]
    public async Task Parallel_replaces_that_take_one_slug_give_it_to_one_product()
    {
        using var admin = shop.CreateAdminClient();
        var category = await CreateCategoryAsync(admin);
        var products = new List<(Guid Id, string Sku)>();
        for (var i = 0; i < Racers; i++)
        {
            var sku = $"SKU-{Guid.NewGuid():N}"[..20];
            var created = await (await admin.PostAsJsonAsync(AdminProducts, Product(category, $"race-{Guid.NewGuid():N}", sku), Ct))
                .ReadJsonElementAsync(HttpStatusCode.Created);
            products.Add((created.GetProperty("id").GetGuid(), sku));
        }

        var slug = $"race-{Guid.NewGuid():N}";
        await AssertOneWinnerAsync(
            i => admin.PutAsJsonAsync($"{AdminProducts}/{products[i].Id}", Product(category, slug, products[i].Sku), Ct),
            HttpStatusCode.OK,
            "catalog.slug_taken");
    }

    [Fact]
    public async Task Parallel_category_creates_with_one_slug_give_one_category_and_the_domain_conflict()
    {
        using var admin = shop.CreateAdminClient();
        var slug = $"race-{Guid.NewGuid():N}";

        await AssertOneWinnerAsync(
            i => admin.PostAsJsonAsync(AdminCategories, new { name = $"Race {i}", slug }, Ct),
            HttpStatusCode.Created,
            "catalog.category_slug_taken");
    }

    [Fact]
    public async Task Parallel_category_updates_to_one_slug_give_it_to_one_category()
    {
        using var admin = shop.CreateAdminClient();
        var ids = new List<Guid>();
        for (var i = 0; i < Racers; i++)
        {
            ids.Add(await CreateCategoryAsync(admin));
        }

        var slug = $"race-{Guid.NewGuid():N}";
        await AssertOneWinnerAsync(
            i => admin.PutAsJsonAsync($"{AdminCategories}/{ids[i]}", new { name = $"Race {i}", slug }, Ct),
            HttpStatusCode.OK,
            "catalog.category_slug_taken");
    }

    [Fact]
    public async Task Parallel_registrations_of_one_email_give_one_account_and_the_domain_conflict()
    {
        using var anonymous = shop.CreateAnonymousClient();
        var email = $"race-{Guid.NewGuid():N}@example.com";

        await AssertOneWinnerAsync(
            i => anonymous.PostAsJsonAsync("/api/users/register", new { email, password = "correct horse 9", name = $"Racer {i}" }, Ct),
            HttpStatusCode.Created,
            "users.email_taken");
    }

    /// <summary>
    /// Sends <see cref="Racers"/> requests at once, then one of the losers' requests again after they finished: exactly one of
    /// the racers wins, and every loser's problem body equals the late request's (same code and message).
    /// </summary>
    private static async Task<HttpResponseMessage[]> AssertOneWinnerAsync(Func<int, Task<HttpResponseMessage>> send, HttpStatusCode success, string code)
    {
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await send(i);
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(racers);
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync(Ct)));
        var summary = string.Join("\n", answers.Select((a, i) => $"{(int)a.StatusCode} {bodies[i]}"));

        answers.Count(a => a.StatusCode == success).ShouldBe(1, summary);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(Racers - 1, summary);
        var loserIndex = answers.ToList().FindIndex(a => a.StatusCode == HttpStatusCode.Conflict);
        var late = await (await send(loserIndex)).ReadProblemAsync(HttpStatusCode.Conflict);
        late.Code.ShouldBe(code);
        foreach (var loser in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            var problem = await loser.ReadProblemAsync(HttpStatusCode.Conflict);
            problem.Code.ShouldBe(code, summary);
            problem.Detail.ShouldBe(late.Detail, summary);
        }

        bodies.ShouldAllBe(b => !b.Contains("ix_", StringComparison.OrdinalIgnoreCase) && !b.Contains("constraint", StringComparison.OrdinalIgnoreCase)
                                && !b.Contains("duplicate key", StringComparison.OrdinalIgnoreCase), summary);
        return answers;
    }

    private static async Task<Guid> CreateCategoryAsync(HttpClient admin) =>
        (await (await admin.PostAsJsonAsync(AdminCategories, new { name = $"Race category {Guid.NewGuid():N}" }, Ct))
            .ReadJsonElementAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static JsonObject Product(Guid category, string slug, string sku) => new()
    {
        ["name"] = $"Race product {Guid.NewGuid():N}",
        ["slug"] = slug,
        ["description"] = "Made by a race.",
        ["price"] = 10m,
        ["images"] = new JsonArray(),
        ["categoryId"] = category,
        ["featured"] = false,
        ["variants"] = new JsonArray(new JsonObject
        {
            ["name"] = "One size",
            ["options"] = new JsonObject { ["Size"] = "One" },
            ["stock"] = 1,
            ["sku"] = sku,
        }),
    };
}
