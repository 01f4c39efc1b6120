using System.Net;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;
using static ModularShop.Host.IntegrationTests.Idempotency.IdempotencyDriver;

namespace ModularShop.Host.IntegrationTests.Idempotency;

/// <summary>
/// Exactly once across a crash (issue 10 §2): a request with an <c>Idempotency-Key</c> "dies" just before or just
/// after the commit of its work (it stops there and its database session is killed, as with a dead process), and
/// the client retries the same request after <c>Idempotency:InFlightTimeout</c>. The effect exists once, and after
/// a commit the retry gets the first answer.
/// </summary>
public sealed class IdempotencyCrashTests(CrashableShopFactory shop) : IClassFixture<CrashableShopFactory>
{
    private readonly IdempotencyDriver _driver = new(shop);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_crash_after_the_commit_leaves_the_record_so_the_retry_after_the_timeout_replays_the_same_product()
    {
        var category = await _driver.CreateCategoryAsync();
        var body = ProductBody(category.Id);
        var key = NewKey();
        var crash = shop.CrashAt(CrashPoint.AfterCommit, key);

        var dying = PostAsync(_driver.Admin, AdminProducts, body, key);
        await crash.ReachedAsync();
        await crash.KillSessionAsync(shop.ConnectionString);
        shop.Clock.Advance(CrashableShopFactory.InFlightTimeout + TimeSpan.FromSeconds(1));

        var retry = await PostAsync(_driver.Admin, AdminProducts, body, key);

        retry.Status.ShouldBe(HttpStatusCode.Created, retry.Body);
        retry.Replayed.ShouldBeTrue("the product and its record committed together: the retry replays instead of running again");
        (await ProductIdsAsync(category.Slug)).ShouldBe([retry.Json.GetProperty("id").GetGuid()], "the replay names the one product that exists");
        retry.Location.ShouldBe($"/api/catalog/products/{retry.Json.GetProperty("slug").GetString()}");

        crash.Bury();
        (await dying).Status.ShouldBe(HttpStatusCode.InternalServerError, "the crashed request never answered its client");
        (await ProductIdsAsync(category.Slug)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_crash_after_the_commit_of_an_address_does_not_add_it_twice()
    {
        var (user, _) = await _driver.SignedInCustomerAsync();
        var key = NewKey();
        var crash = shop.CrashAt(CrashPoint.AfterCommit, key);

        var dying = PostAsync(user, Addresses, AddressBody(), key);
        await crash.ReachedAsync();
        await crash.KillSessionAsync(shop.ConnectionString);
        shop.Clock.Advance(CrashableShopFactory.InFlightTimeout + TimeSpan.FromSeconds(1));

        var retry = await PostAsync(user, Addresses, AddressBody(), key);

        retry.Status.ShouldBe(HttpStatusCode.Created, retry.Body);
        retry.Replayed.ShouldBeTrue();
        var addresses = await AddressesAsync(user);
        addresses.Count.ShouldBe(1, "no unique constraint protects an address: only the record committed with it does");
        addresses[0].GetProperty("id").GetGuid().ShouldBe(retry.Json.GetProperty("id").GetGuid());

        crash.Bury();
        await dying;
        (await AddressesAsync(user)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_crash_before_the_commit_leaves_nothing_and_the_retry_after_the_timeout_creates_the_product_once()
    {
        var category = await _driver.CreateCategoryAsync();
        var body = ProductBody(category.Id);
        var key = NewKey();
        var crash = shop.CrashAt(CrashPoint.BeforeCommit, key);

        var dying = PostAsync(_driver.Admin, AdminProducts, body, key);
        await crash.ReachedAsync();
        await crash.KillSessionAsync(shop.ConnectionString);

        (await ProductIdsAsync(category.Slug)).ShouldBeEmpty("the work died with its uncommitted transaction");
        var early = await PostAsync(_driver.Admin, AdminProducts, body, key);
        early.Status.ShouldBe(HttpStatusCode.Conflict, early.Body);
        early.Code.ShouldBe("idempotency.in_flight", "the claim outlives the crash until InFlightTimeout");

        shop.Clock.Advance(CrashableShopFactory.InFlightTimeout + TimeSpan.FromSeconds(1));
        var retry = await PostAsync(_driver.Admin, AdminProducts, body, key);
        var again = await PostAsync(_driver.Admin, AdminProducts, body, key);

        retry.Status.ShouldBe(HttpStatusCode.Created, retry.Body);
        retry.Replayed.ShouldBeFalse("nothing had committed, so the retry ran the work");
        (await ProductIdsAsync(category.Slug)).ShouldBe([retry.Json.GetProperty("id").GetGuid()]);
        again.Replayed.ShouldBeTrue();
        again.Body.ShouldBe(retry.Body);

        crash.Bury();
        (await dying).Status.ShouldBe(HttpStatusCode.InternalServerError);
        (await ProductIdsAsync(category.Slug)).Count.ShouldBe(1);
        (await PostAsync(_driver.Admin, AdminProducts, body, key)).Body.ShouldBe(retry.Body, "the dead request's end changed nothing");
    }

    [Fact]
    public async Task A_takeover_while_the_first_request_still_runs_adds_one_address_not_two()
    {
        var (user, email) = await _driver.SignedInCustomerAsync();
        var key = NewKey();

        // Hold both runs inside AddAddress: it locks the user's row before it adds.
        await using var locker = new NpgsqlConnection(shop.ConnectionString);
        await locker.OpenAsync(Ct);
        var transaction = await locker.BeginTransactionAsync(Ct);
        await using (var lockUser = new NpgsqlCommand("SELECT id FROM users.users WHERE normalized_email = @email FOR UPDATE", locker, transaction))
        {
            lockUser.Parameters.AddWithValue("email", email);
            (await lockUser.ExecuteScalarAsync(Ct)).ShouldNotBeNull();
        }

        var first = PostAsync(user, Addresses, AddressBody(), key);
        var firstClaim = await EventuallyAsync(() => _driver.ClaimIdAsync("users", key), c => c is not null);

        // The first looks crashed after the timeout: a retry takes the key over and runs (and waits for the lock).
        shop.Clock.Advance(CrashableShopFactory.InFlightTimeout + TimeSpan.FromSeconds(1));
        var takeover = PostAsync(user, Addresses, AddressBody(), key);
        await EventuallyAsync(() => _driver.ClaimIdAsync("users", key), c => c != firstClaim);
        first.IsCompleted.ShouldBeFalse();
        takeover.IsCompleted.ShouldBeFalse();

        await transaction.RollbackAsync(Ct);
        var answers = await Task.WhenAll(first, takeover);

        // Both handlers ran; only the run that still held the claim committed.
        var (firstAnswer, takeoverAnswer) = (answers[0], answers[1]);
        firstAnswer.Status.ShouldBe(HttpStatusCode.Conflict, firstAnswer.Body);
        firstAnswer.Code.ShouldBe("idempotency.in_flight", "its claim was gone when it finished, so its address was rolled back");
        takeoverAnswer.Status.ShouldBe(HttpStatusCode.Created, takeoverAnswer.Body);
        var addresses = await AddressesAsync(user);
        addresses.Count.ShouldBe(1);
        addresses[0].GetProperty("id").GetGuid().ShouldBe(takeoverAnswer.Json.GetProperty("id").GetGuid());
        var replay = await PostAsync(user, Addresses, AddressBody(), key);
        replay.Replayed.ShouldBeTrue();
        replay.Body.ShouldBe(takeoverAnswer.Body);
    }

    [Fact]
    public async Task Twenty_parallel_address_adds_with_one_key_store_one_address()
    {
        var (user, _) = await _driver.SignedInCustomerAsync();
        var key = NewKey();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, 20).Select(_ => Task.Run(
            async () =>
            {
                await start.Task;
                return await PostAsync(user, Addresses, AddressBody(), key);
            },
            Ct)).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(requests);

        var firsts = answers.Where(a => a.Status == HttpStatusCode.Created && !a.Replayed).ToList();
        firsts.Count.ShouldBe(1, string.Join("\n", answers.Select(a => $"{(int)a.Status} {a.Body}")));
        answers.Where(a => a != firsts[0]).ShouldAllBe(a =>
            (a.Status == HttpStatusCode.Created && a.Replayed && a.Body == firsts[0].Body)
            || (a.Status == HttpStatusCode.Conflict && a.Code == "idempotency.in_flight"));
        (await AddressesAsync(user)).Count.ShouldBe(1);
    }

    /// <summary>The ids of the products the catalog lists in the category.</summary>
    private async Task<IReadOnlyList<Guid>> ProductIdsAsync(string categorySlug)
    {
        var page = await (await _driver.Admin.GetAsync(new Uri($"/api/catalog/products?category={categorySlug}&pageSize=100", UriKind.Relative), Ct))
            .ReadJsonElementAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition was never met");
            await Task.Delay(20, Ct);
        }
    }
}
