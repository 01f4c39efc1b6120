using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Modules.Checkout.Tests.Http;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Plugins;

/// <summary>The sample offline plugin (bank transfer), loaded from a folder, through a whole purchase: the order waits
/// with instructions until an admin records the money, and only the right amount on a waiting payment counts.</summary>
public sealed class OfflinePaymentTests(PluginShopFactory factory) : IClassFixture<PluginShopFactory>
{
    private readonly CheckoutDriver _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, OrderDto Order, ProductStock Product)> PlaceAsync()
    {
        var product = await _shop.CreateProductAsync(price: 40m, stock: 5);
        var (client, _) = _shop.NewCustomer();
        var cart = await _shop.CartWithAsync(client, (product, 2));
        var body = CheckoutDriver.Body(cart.Id);
        body["payment"] = new JsonObject { ["provider"] = "bank-transfer", ["details"] = new JsonObject() };
        var order = await (await CheckoutDriver.CheckoutAsync(client, body, CheckoutDriver.NewKey())).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);
        return (client, order, new ProductStock(product, await _shop.StockAsync(product)));
    }

    [Fact]
    public async Task A_bank_transfer_order_waits_with_instructions_until_an_admin_records_the_money()
    {
        var (client, order, product) = await PlaceAsync();

        order.Status.ShouldBe("AwaitingPayment");
        order.PaymentMethod.Provider.ShouldBe("bank-transfer");
        order.Payment.Status.ShouldBe("Pending");
        order.Payment.NextAction!.Type.ShouldBe("instructions");
        product.Stock.ShouldBe(3); // reserved while the money is awaited
        var due = await ScalarAsync<DateTime>("SELECT payment_due_at FROM orders.orders WHERE id = @id", order.Id);
        due.ShouldBeInRange(DateTime.UtcNow.AddDays(5).AddMinutes(-5), DateTime.UtcNow.AddDays(5).AddMinutes(5)); // Checkout:PaymentTimeouts:bank-transfer
        var held = await ScalarAsync<DateTime>(
            "SELECT max(r.expires_at) FROM catalog.stock_reservations r JOIN catalog.stock_reservation_lines l ON l.reservation_id = r.id WHERE l.product_id = @id",
            product.Product.Id);
        held.ShouldBeGreaterThan(due, "the stock stays reserved until the order's own timeout releases it");

        var instructions = await (await factory.CreateAnonymousClient().GetAsync(order.Payment.NextAction.Url.PathAndQuery, Ct)).ReadJsonAsync<JsonObject>();
        instructions["status"]!.GetValue<string>().ShouldBe("Pending");
        instructions["amount"]!.GetValue<decimal>().ShouldBe(order.Total);
        var text = instructions["instructions"]!.GetValue<string>();
        text.ShouldContain(PluginShopFactory.Iban);
        text.ShouldContain($"{order.Total:0.00} USD");
        text.ShouldContain(order.PaymentMethod.Display[(order.PaymentMethod.Display.IndexOf("BT-", StringComparison.Ordinal))..].TrimEnd(')'));

        var received = await _shop.Admin.PostAsJsonAsync($"/api/admin/payments/{order.Payment.Id}/received", new { amount = order.Total, bankReference = "statement 2026-11-30 #17" }, Ct);
        (await received.ReadJsonAsync<JsonObject>())["status"]!.GetValue<string>().ShouldBe("Captured");

        var paid = await CheckoutDriver.EventuallyAsync(client, order.Id, o => o.Status == "Paid");
        paid.Status.ShouldBe("Paid");
        paid.Payment.Status.ShouldBe("Captured");
        paid.Payment.NextAction.ShouldBeNull();

        // Repeating the admin's call is harmless.
        var again = await _shop.Admin.PostAsJsonAsync($"/api/admin/payments/{order.Payment.Id}/received", new { amount = order.Total }, Ct);
        (await again.ReadJsonAsync<JsonObject>())["status"]!.GetValue<string>().ShouldBe("Captured");
        (await CheckoutDriver.GetOrderAsync(client, order.Id)).History.Count(h => h.Status == "Paid").ShouldBe(1);
    }

    private async Task<T> ScalarAsync<T>(string sql, Guid id)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task Recording_money_refuses_a_wrong_amount_a_card_payment_a_customer_and_an_unknown_payment()
    {
        var (owner, order, _) = await PlaceAsync();
        var url = $"/api/admin/payments/{order.Payment.Id}/received";

        (await (await _shop.Admin.PostAsJsonAsync(url, new { amount = order.Total - 1m }, Ct)).ReadProblemAsync(HttpStatusCode.Conflict))
            .Code.ShouldBe("payments.amount_mismatch");
        (await (await _shop.Admin.PostAsJsonAsync(url, new { amount = -5m }, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest))
            .Errors!.Keys.ShouldContain("amount");
        (await (await _shop.Admin.PostAsJsonAsync(url, new { amount = order.Total, bankReference = new string('x', 191) }, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest))
            .Errors!.Keys.ShouldContain("bankReference");
        (await _shop.NewCustomer().Client.PostAsJsonAsync(url, new { amount = order.Total }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await _shop.Admin.PostAsJsonAsync($"/api/admin/payments/{Guid.NewGuid()}/received", new { amount = 1m }, Ct)).ReadProblemAsync(HttpStatusCode.NotFound))
            .Code.ShouldBe("payments.not_found");

        var product = await _shop.CreateProductAsync(price: 10m);
        var (client, _) = _shop.NewCustomer();
        var cart = await _shop.CartWithAsync(client, (product, 1));
        var card = await (await CheckoutDriver.CheckoutAsync(client, CheckoutDriver.Body(cart.Id), CheckoutDriver.NewKey())).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);
        (await (await _shop.Admin.PostAsJsonAsync($"/api/admin/payments/{card.Payment.Id}/received", new { amount = card.Total }, Ct)).ReadProblemAsync(HttpStatusCode.Conflict))
            .Code.ShouldBe("payments.not_offline");

        // Instructions exist only for offline payments.
        (await (await _shop.Anonymous.GetAsync($"/api/payments/{card.Payment.Id}/instructions", Ct)).ReadProblemAsync(HttpStatusCode.NotFound))
            .Code.ShouldBe("payments.not_found");
        (await (await _shop.Anonymous.GetAsync($"/api/payments/{Guid.NewGuid()}/instructions", Ct)).ReadProblemAsync(HttpStatusCode.NotFound))
            .Code.ShouldBe("payments.not_found");

        // None of it moved the order.
        (await CheckoutDriver.GetOrderAsync(owner, order.Id)).Status.ShouldBe("AwaitingPayment");
    }

    [Fact]
    public async Task A_cancelled_bank_transfer_order_returns_its_stock_and_refuses_late_money()
    {
        var (client, order, product) = await PlaceAsync();

        (await client.PostAsync($"/api/orders/{order.Id}/cancel", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var deadline = DateTime.UtcNow.AddSeconds(30); // the stock comes back through Catalog's message (a loaded CI box is slow)
        while (await _shop.StockAsync(product.Product) != product.Stock + 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        (await _shop.StockAsync(product.Product)).ShouldBe(product.Stock + 2);

        var late = await _shop.Admin.PostAsJsonAsync($"/api/admin/payments/{order.Payment.Id}/received", new { amount = order.Total }, Ct);
        (await late.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("payments.not_awaiting_money");
        var instructions = await (await factory.CreateAnonymousClient().GetAsync(order.Payment.NextAction!.Url.PathAndQuery, Ct)).ReadJsonAsync<JsonObject>();
        instructions["status"]!.GetValue<string>().ShouldBe("Voided"); // the shopper sees: do not pay
    }
}

/// <summary>A product and its stock right after the checkout.</summary>
internal sealed record ProductStock(ProductDto Product, int Stock);
