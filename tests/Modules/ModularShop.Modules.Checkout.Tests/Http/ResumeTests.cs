using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.Modules.Checkout.Domain;
using ModularShop.Modules.Checkout.Process;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;
using static ModularShop.Modules.Checkout.Tests.Http.CheckoutDriver;

namespace ModularShop.Modules.Checkout.Tests.Http;

/// <summary>A host on a clock the test moves, whose checkouts can be made to "die" right after a chosen step.</summary>
public sealed class CrashingCheckoutFactory : ShopFactory
{
    public CrashingCheckoutFactory() => UseFakeClock();

    /// <summary>Checkout id → the step after which its runner dies (once).</summary>
    public ConcurrentDictionary<Guid, CheckoutStep> DieAfter { get; } = new();

    internal CheckoutTestHooks Hooks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Hooks.AfterStep = (id, step) =>
            DieAfter.TryGetValue(id, out var at) && at == step && DieAfter.TryRemove(id, out _)
                ? throw new InvalidOperationException($"Simulated crash of checkout {id} after {step}.")
                : Task.CompletedTask;
        builder.ConfigureTestServices(services => services.AddSingleton(Hooks));
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// A checkout interrupted between its steps (a crash) is continued by a retry with the same key, or — when nobody
/// retries — finished (it was charged) or undone (it was not) by the resume timer: never charged twice, never a
/// payment without an order, never stock held for nothing.
/// </summary>
public sealed class ResumeTests(CrashingCheckoutFactory shop) : IClassFixture<CrashingCheckoutFactory>
{
    private readonly CheckoutDriver _shop = new(shop);

    [Fact]
    public async Task A_retry_after_a_crash_between_the_charge_and_the_order_places_the_order_once_without_a_second_charge()
    {
        var (customer, userId) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 5);
        var cart = await _shop.CartWithAsync(customer, (product, 2));
        var key = NewKey();
        shop.DieAfter[CheckoutProcess.IdFor(userId, key)] = CheckoutStep.Charged;

        var crashed = await CheckoutAsync(customer, Body(cart.Id), key);
        crashed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError, "the simulated crash");
        (await shop.CountAsync($"SELECT count(*) FROM orders.orders WHERE user_id = '{userId}'")).ShouldBe(0);

        var retried = await (await CheckoutAsync(customer, Body(cart.Id), key)).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);

        retried.Status.ShouldBe("Paid");
        (await shop.CountAsync($"SELECT count(*) FROM orders.orders WHERE user_id = '{userId}'")).ShouldBe(1);
        (await shop.CountAsync($"SELECT count(*) FROM payments.payments WHERE user_id = '{userId}'")).ShouldBe(1);
        (await shop.CountAsync($"SELECT count(*) FROM payments.payment_events e JOIN payments.payments p ON p.id = e.payment_id WHERE p.user_id = '{userId}' AND e.type = 'charge.captured'"))
            .ShouldBe(1, "captured once");
        (await _shop.StockAsync(product)).ShouldBe(3);
    }

    [Fact]
    public async Task A_charged_checkout_nobody_retries_is_finished_by_the_resume_timer()
    {
        var (customer, userId) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 5);
        var cart = await _shop.CartWithAsync(customer, (product, 1));
        var key = NewKey();
        shop.DieAfter[CheckoutProcess.IdFor(userId, key)] = CheckoutStep.Charged;
        (await CheckoutAsync(customer, Body(cart.Id), key)).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        shop.Clock.Advance(TimeSpan.FromMinutes(6));

        var orders = await EventuallyListAsync(customer, o => o.Count == 1 && (string)o[0]!["status"]! == "Paid");
        orders.Count.ShouldBe(1);
        (await shop.CountAsync($"SELECT count(*) FROM payments.payments WHERE user_id = '{userId}'")).ShouldBe(1);
        (await _shop.StockAsync(product)).ShouldBe(4);
        (await _shop.GetCartAsync(customer, cart.Id)).Items.ShouldBeEmpty("the timer also finishes the cart");

        // The client comes back later with the same key: the same order.
        var late = await (await CheckoutAsync(customer, Body(cart.Id), key)).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);
        late.Id.ShouldBe(Guid.Parse((string)orders[0]!["id"]!));
    }

    [Fact]
    public async Task A_checkout_interrupted_before_the_charge_is_undone_by_the_timer_and_its_key_then_says_abandoned()
    {
        var (customer, userId) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 5);
        var cart = await _shop.CartWithAsync(customer, (product, 3));
        var key = NewKey();
        shop.DieAfter[CheckoutProcess.IdFor(userId, key)] = CheckoutStep.Charging;
        (await CheckoutAsync(customer, Body(cart.Id), key)).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await _shop.StockAsync(product)).ShouldBe(2, "held by the interrupted checkout");

        shop.Clock.Advance(TimeSpan.FromMinutes(6));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await _shop.StockAsync(product) != 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        (await _shop.StockAsync(product)).ShouldBe(5);
        (await shop.CountAsync($"SELECT count(*) FROM payments.payments WHERE user_id = '{userId}'")).ShouldBe(0);
        (await (await CheckoutAsync(customer, Body(cart.Id), key)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("checkout.abandoned");
        (await _shop.GetCartAsync(customer, cart.Id)).Items.Single().Quantity.ShouldBe(3, "the cart is kept");
    }

    [Fact]
    public async Task A_retry_after_a_crash_before_the_charge_goes_on_with_the_held_stock_and_buys_once()
    {
        var (customer, userId) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 5);
        var cart = await _shop.CartWithAsync(customer, (product, 2));
        var key = NewKey();
        shop.DieAfter[CheckoutProcess.IdFor(userId, key)] = CheckoutStep.Charging;
        (await CheckoutAsync(customer, Body(cart.Id), key)).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        var order = await (await CheckoutAsync(customer, Body(cart.Id), key)).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);

        order.Status.ShouldBe("Paid");
        (await _shop.StockAsync(product)).ShouldBe(3, "the units held before the crash were sold, none held twice");
        (await shop.CountAsync($"SELECT count(*) FROM payments.payments WHERE user_id = '{userId}'")).ShouldBe(1);
    }

    private static async Task<JsonArray> EventuallyListAsync(HttpClient client, Func<JsonArray, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var items = (await (await client.GetAsync("/api/orders", Ct)).ReadJsonAsync<JsonObject>())["items"]!.AsArray();
            if (condition(items) || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(100, Ct);
        }
    }
}
