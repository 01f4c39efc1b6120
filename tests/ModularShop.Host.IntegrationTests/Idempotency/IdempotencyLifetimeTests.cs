using System.Net;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;
using static ModularShop.Host.IntegrationTests.Idempotency.IdempotencyDriver;

namespace ModularShop.Host.IntegrationTests.Idempotency;

/// <summary>How long keys live: retention, housekeeping, in-flight timeout (on a clock the test moves).</summary>
public sealed class IdempotencyLifetimeTests(IdempotencyFactory shop) : IClassFixture<IdempotencyFactory>
{
    private readonly IdempotencyDriver _driver = new(shop);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_is_remembered_for_24_hours_and_forgotten_after()
    {
        var key = NewKey();
        var first = new JsonObject { ["name"] = $"Category {UniqueWord()}" };
        var second = new JsonObject { ["name"] = $"Category {UniqueWord()}" };
        (await PostAsync(_driver.Admin, AdminCategories, first, key)).Status.ShouldBe(HttpStatusCode.Created);

        shop.Clock.Advance(TimeSpan.FromHours(23));
        (await PostAsync(_driver.Admin, AdminCategories, first, key)).Replayed.ShouldBeTrue("23 h later the key is still remembered");
        (await PostAsync(_driver.Admin, AdminCategories, second, key)).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

        shop.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var afterExpiry = await PostAsync(_driver.Admin, AdminCategories, second, key);

        afterExpiry.Status.ShouldBe(HttpStatusCode.Created, afterExpiry.Body);
        afterExpiry.Replayed.ShouldBeFalse("an expired key is a new key");
    }

    [Fact]
    public async Task Housekeeping_deletes_expired_keys()
    {
        var key = NewKey();
        (await PostAsync(_driver.Admin, AdminCategories, new JsonObject { ["name"] = $"Category {UniqueWord()}" }, key)).Status
            .ShouldBe(HttpStatusCode.Created);
        (await _driver.StoredKeysAsync(key)).ShouldBe(1);

        // The hourly timer runs on the test's clock: moving past the retention lets it fire and delete.
        shop.Clock.Advance(TimeSpan.FromHours(25));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await _driver.StoredKeysAsync(key) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
            shop.Clock.Advance(TimeSpan.FromHours(1));
        }

        (await _driver.StoredKeysAsync(key)).ShouldBe(0);
    }

    [Fact]
    public async Task A_request_still_running_makes_a_retry_409_until_the_in_flight_timeout_then_the_retry_takes_over()
    {
        var category = await _driver.CreateCategoryAsync();
        var key = NewKey();
        var body = ProductBody(category.Id);

        // Hold the first request inside its handler: it cannot insert the product while the table is locked.
        await using var locker = new NpgsqlConnection(shop.ConnectionString);
        await locker.OpenAsync(Ct);
        var transaction = await locker.BeginTransactionAsync(Ct);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE catalog.products IN EXCLUSIVE MODE", locker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync(Ct);
        }

        var first = PostAsync(_driver.Admin, AdminProducts, body, key);
        await WaitUntilStoredAsync(key);

        var early = await PostAsync(_driver.Admin, AdminProducts, body, key);
        early.Status.ShouldBe(HttpStatusCode.Conflict, early.Body);
        early.Code.ShouldBe("idempotency.in_flight");
        early.RetryAfter.ShouldBe("1");
        first.IsCompleted.ShouldBeFalse();

        // The first looks crashed after the timeout (1 min): a retry takes the key over and runs.
        shop.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var takeover = PostAsync(_driver.Admin, AdminProducts, body, key);
        await Task.Delay(300, Ct);
        takeover.IsCompleted.ShouldBeFalse("the retry runs the handler (and waits for the lock) instead of answering 409");

        await transaction.RollbackAsync(Ct);
        var taken = await takeover;
        await first;
        taken.Code.ShouldNotBe("idempotency.in_flight");

        // Both ran (the price of a takeover when the first was only slow); the unique slug kept the effect
        // single, and from now on the key gives one stable answer.
        (await _driver.ProductCountAsync(category.Slug)).ShouldBe(1);
        var settled = await PostAsync(_driver.Admin, AdminProducts, body, key);
        var replay = await PostAsync(_driver.Admin, AdminProducts, body, key);
        replay.Replayed.ShouldBeTrue();
        replay.Status.ShouldBe(settled.Status);
        replay.Body.ShouldBe(settled.Body);
    }

    private async Task WaitUntilStoredAsync(string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await _driver.StoredKeysAsync(key) == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the first request never claimed its key");
            await Task.Delay(20, Ct);
        }
    }
}

/// <summary>Keys and responses live in the database: a new host replays what the old one answered.</summary>
public sealed class IdempotencyRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retry_after_a_host_restart_replays_the_first_response()
    {
        var key = NewKey();
        var adminId = Guid.NewGuid();
        var body = new JsonObject { ["name"] = $"Category {UniqueWord()}" };
        Answer first;
        string database;
        await using (var before = new IdempotencyFactory { KeepDatabase = true })
        {
            await before.InitializeAsync();
            using var admin = before.CreateClientWithToken(TestTokens.Admin(adminId));
            first = await PostAsync(admin, AdminCategories, body, key);
            database = before.DatabaseName;
        }

        await using var after = new RestartedFactory(database);
        await after.InitializeAsync();
        using var sameAdmin = after.CreateClientWithToken(TestTokens.Admin(adminId));
        using var client = after.CreateAdminClient();

        var retry = await PostAsync(sameAdmin, AdminCategories, body, key);

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        retry.Status.ShouldBe(HttpStatusCode.Created, retry.Body);
        retry.Replayed.ShouldBeTrue();
        retry.Body.ShouldBe(first.Body);
        retry.Location.ShouldBe(first.Location);
        var list = await (await client.GetAsync(new Uri("/api/catalog/categories", UriKind.Relative), Ct)).ReadJsonElementAsync();
        list.ToString().Split(body["name"]!.GetValue<string>()).Length.ShouldBe(2, "the category exists once");
    }
}
