using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>
/// A cart add with an <c>Idempotency-Key</c> happens once even when its process dies just before or after the
/// commit (the request stops there and its database session is killed) and the client retries after
/// <c>Idempotency:InFlightTimeout</c>; and when a retry takes over a request that is only slow.
/// </summary>
public sealed class IdempotencyCrashTests(CrashableShopFactory factory) : IClassFixture<CrashableShopFactory>
{
    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task A_crash_after_the_commit_of_an_add_keeps_the_line_once_and_the_retry_replays_it()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var cart = await _carts.CreateCartAsync();
        var key = Guid.NewGuid().ToString();
        var crash = factory.CrashAt(CrashPoint.AfterCommit, key);

        var dying = AddAsync(cart.Id, product.Id, 2, key);
        await crash.ReachedAsync();
        await crash.KillSessionAsync(factory.ConnectionString);
        factory.Clock.Advance(CrashableShopFactory.InFlightTimeout + TimeSpan.FromSeconds(1));

        using var retry = await AddAsync(cart.Id, product.Id, 2, key);

        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await retry.ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(2);
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(2, "the line was added once, not again by the retry");

        crash.Bury();
        (await dying).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(2);
    }

    [Fact]
    public async Task A_crash_before_the_commit_of_an_add_adds_nothing_and_the_retry_after_the_timeout_adds_once()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var cart = await _carts.CreateCartAsync();
        var key = Guid.NewGuid().ToString();
        var crash = factory.CrashAt(CrashPoint.BeforeCommit, key);

        var dying = AddAsync(cart.Id, product.Id, 2, key);
        await crash.ReachedAsync();
        await crash.KillSessionAsync(factory.ConnectionString);

        (await _carts.GetCartAsync(cart.Id)).Items.ShouldBeEmpty("the add died with its uncommitted transaction");
        using (var early = await AddAsync(cart.Id, product.Id, 2, key))
        {
            (await early.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("idempotency.in_flight");
        }

        factory.Clock.Advance(CrashableShopFactory.InFlightTimeout + TimeSpan.FromSeconds(1));
        using var retry = await AddAsync(cart.Id, product.Id, 2, key);

        retry.Headers.Contains("Idempotent-Replayed").ShouldBeFalse("nothing had committed, so the retry ran the add");
        (await retry.ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(2);

        crash.Bury();
        await dying;
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(2);
    }

    [Fact]
    public async Task A_takeover_while_the_first_add_still_runs_adds_once()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var cart = await _carts.CreateCartAsync();
        var key = Guid.NewGuid().ToString();

        // Hold both runs inside the add: it locks the cart's row first.
        await using var locker = new NpgsqlConnection(factory.ConnectionString);
        await locker.OpenAsync(CartDriver.Ct);
        var transaction = await locker.BeginTransactionAsync(CartDriver.Ct);
        await using (var lockCart = new NpgsqlCommand("SELECT id FROM cart.carts WHERE id = @id FOR UPDATE", locker, transaction))
        {
            lockCart.Parameters.AddWithValue("id", cart.Id);
            await lockCart.ExecuteNonQueryAsync(CartDriver.Ct);
        }

        var first = AddAsync(cart.Id, product.Id, 2, key);
        var firstClaim = await EventuallyAsync(() => ClaimIdAsync(key), c => c is not null);
        factory.Clock.Advance(CrashableShopFactory.InFlightTimeout + TimeSpan.FromSeconds(1));
        var takeover = AddAsync(cart.Id, product.Id, 2, key);
        await EventuallyAsync(() => ClaimIdAsync(key), c => c != firstClaim);
        first.IsCompleted.ShouldBeFalse();

        await transaction.RollbackAsync(CartDriver.Ct);
        using var firstAnswer = await first;
        using var takeoverAnswer = await takeover;

        (await firstAnswer.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("idempotency.in_flight", "its claim was gone, so its add was rolled back");
        (await takeoverAnswer.ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(2);
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(2, "two runs of one add, one effect");
    }

    private Task<HttpResponseMessage> AddAsync(Guid cartId, Guid productId, int quantity, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{CartDriver.Carts}/{cartId}/items")
        {
            Content = JsonContent.Create(new { productId, quantity }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return _carts.Anonymous.SendAsync(request, CartDriver.Ct);
    }

    private async Task<Guid?> ClaimIdAsync(string key)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(CartDriver.Ct);
        await using var command = new NpgsqlCommand("SELECT claim_id FROM cart.idempotency_keys WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(CartDriver.Ct) as Guid?;
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
            await Task.Delay(20, CartDriver.Ct);
        }
    }
}
