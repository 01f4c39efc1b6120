using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Http;

/// <summary>Card numbers and security codes never reach the database or the log: only brand and last four are kept.</summary>
public sealed class NoCardDataTests(LoggingShopFactory factory) : IClassFixture<LoggingShopFactory>
{
    private const string Cvc = "739";

    private readonly PaymentsDriver _payments = new(factory);

    [Fact]
    public async Task No_text_column_of_the_payments_schema_and_no_log_line_holds_a_card_number_or_cvc()
    {
        var userId = Guid.NewGuid();
        foreach (var card in new[] { PaymentsDriver.Approve, PaymentsDriver.Decline, PaymentsDriver.ThreeDs })
        {
            await _payments.ChargeAsync(Guid.NewGuid(), userId, details: PaymentsDriver.Card(card, cvc: Cvc));
        }

        await _payments.ChargeAsync(Guid.NewGuid(), userId, details: PaymentsDriver.Card("4242424242424241", cvc: Cvc)); // invalid
        var waiting = Guid.NewGuid();
        await _payments.ChargeAsync(waiting, userId, details: PaymentsDriver.Card(PaymentsDriver.ThreeDs, cvc: Cvc));
        await (await factory.CreateAnonymousClient().PostAsync(
            $"/api/payments/test-card/authenticate/{waiting}", HttpResponseExtensions.RawJson("{\"outcome\":\"approve\"}"), PaymentsDriver.Ct)).ExpectStatusAsync(System.Net.HttpStatusCode.OK);

        var columns = await _payments.QueryAsync(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'payments' AND data_type IN ('text', 'character varying', 'jsonb', 'json')
            """,
            r => (Table: r.GetString(0), Column: r.GetString(1)));
        columns.ShouldContain(("payments", "method_display"));
        columns.ShouldContain(("outbox_messages", "payload"));
        foreach (var (table, column) in columns)
        {
            foreach (var secret in new[] { PaymentsDriver.Approve, PaymentsDriver.Decline, PaymentsDriver.ThreeDs, "4242424242424241", "4242 4242" })
            {
                var hits = await _payments.QueryAsync(
                    $"SELECT count(*) FROM payments.\"{table}\" WHERE \"{column}\"::text LIKE '%' || @s || '%'", r => r.GetInt64(0), ("s", secret));
                hits.ShouldBe([0L], $"payments.{table}.{column} holds {secret}");
            }
        }

        (await _payments.QueryAsync("SELECT method_display FROM payments.payments WHERE user_id = @u ORDER BY created_at", r => r.GetString(0), ("u", userId)))
            .ShouldContain("Visa •••• 4242");

        factory.Log.ShouldNotBeEmpty();
        foreach (var line in factory.Log)
        {
            line.ShouldNotContain(PaymentsDriver.Approve);
            line.ShouldNotContain(PaymentsDriver.ThreeDs);
            line.ShouldNotContain("4242424242424241");
            line.ShouldNotContain($"cvc\":\"{Cvc}", Case.Insensitive);
        }
    }
}
