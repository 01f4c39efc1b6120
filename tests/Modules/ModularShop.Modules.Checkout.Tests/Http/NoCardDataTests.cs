using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;
using static ModularShop.Modules.Checkout.Tests.Http.CheckoutDriver;

namespace ModularShop.Modules.Checkout.Tests.Http;

/// <summary>
/// Issue 12: after checkouts of every kind (approved, declined, 3-D Secure, invalid details) no card number and no
/// CVC is anywhere in the database — any schema, any text or JSON column (checkout snapshots, idempotency records,
/// orders, outboxes and inboxes included) — nor in any log line of the host, down to Debug.
/// </summary>
public sealed class NoCardDataTests(LoggingShopFactory factory) : IClassFixture<LoggingShopFactory>
{
    private const string Cvc = "917";

    private readonly CheckoutDriver _shop = new(factory);

    [Fact]
    public async Task No_column_of_any_schema_and_no_log_line_holds_a_card_number_or_cvc_after_checkouts()
    {
        var (customer, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 20);
        string[] cards = [Approves, Declines, InsufficientFunds, RequiresAction, "4242424242424241"];
        foreach (var card in cards)
        {
            var cart = await _shop.CartWithAsync(customer, (product, 1));
            var body = Body(cart.Id, card);
            body["payment"]!["details"]!["cvc"] = Cvc;
            var response = await CheckoutAsync(customer, body, NewKey());
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.PaymentRequired, HttpStatusCode.BadRequest);
            if (card == RequiresAction)
            {
                var order = await response.ReadJsonAsync<OrderDto>(HttpStatusCode.Created);
                await (await _shop.Anonymous.PostAsJsonAsync(order.Payment.NextAction!.Url.PathAndQuery, new { outcome = "approve" }, Ct))
                    .ExpectStatusAsync(HttpStatusCode.OK);
            }
        }

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(Ct);
        var columns = new List<(string Schema, string Table, string Column, bool Bytes)>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type = 'bytea' FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
            }
        }

        columns.ShouldContain(("checkout", "checkouts", "snapshot", false));
        columns.ShouldContain(("checkout", "idempotency_keys", "body", true), "the recorded responses");
        foreach (var (schema, table, column, bytes) in columns)
        {
            foreach (var secret in cards.Append($"\"cvc\":\"{Cvc}\""))
            {
                await using var count = new NpgsqlCommand(
                    $"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE {(bytes ? $"position(convert_to(@s, 'UTF8') in \"{column}\") > 0" : $"\"{column}\"::text LIKE '%' || @s || '%'")}", connection);
                count.Parameters.AddWithValue("s", secret);
                ((long)(await count.ExecuteScalarAsync(Ct))!).ShouldBe(0, $"{schema}.{table}.{column} holds {secret}");
            }
        }

        factory.Log.ShouldNotBeEmpty();
        foreach (var line in factory.Log)
        {
            foreach (var card in cards)
            {
                line.ShouldNotContain(card);
            }

            line.ShouldNotContain($"\"cvc\":\"{Cvc}\"");
        }
    }
}
