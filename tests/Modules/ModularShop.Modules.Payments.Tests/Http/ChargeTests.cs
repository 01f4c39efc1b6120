using System.Net;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Http;

/// <summary>Charges through <see cref="IPaymentsApi"/>: outcomes of each test card, bad details, idempotency.</summary>
public sealed class ChargeTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly PaymentsDriver _payments = new(factory);

    [Fact]
    public async Task The_approving_card_is_captured_logged_and_published()
    {
        var id = Guid.NewGuid();
        var summary = (await _payments.ChargeAsync(id, Guid.NewGuid())).Value;

        summary.Status.ShouldBe(PaymentStatus.Captured);
        summary.Captured.ShouldBe(Money.Of(12.34m, "USD"));
        summary.MethodDisplay.ShouldBe("Visa •••• 4242");
        summary.NextAction.ShouldBeNull();
        (await _payments.EventTypesAsync(id)).ShouldBe(["charge.requested", "charge.captured"]);
        (await _payments.PublishedStatusesAsync(id)).ShouldBe([PaymentStatus.Captured]);
    }

    [Theory]
    [InlineData(PaymentsDriver.Decline, "card_declined")]
    [InlineData(PaymentsDriver.Insufficient, "insufficient_funds")]
    public async Task Declining_cards_fail_the_payment_with_their_code(string card, string code)
    {
        var id = Guid.NewGuid();
        var summary = (await _payments.ChargeAsync(id, Guid.NewGuid(), card)).Value;

        summary.Status.ShouldBe(PaymentStatus.Failed);
        summary.FailureCode.ShouldBe(code);
        summary.Captured.IsZero.ShouldBeTrue();
        (await _payments.EventTypesAsync(id)).ShouldBe(["charge.requested", "charge.declined"]);
        (await _payments.PublishedStatusesAsync(id)).ShouldBe([PaymentStatus.Failed]);
    }

    [Fact]
    public async Task The_3ds_card_waits_for_action_on_the_bank_page()
    {
        var id = Guid.NewGuid();
        var summary = (await _payments.ChargeAsync(id, Guid.NewGuid(), PaymentsDriver.ThreeDs)).Value;

        summary.Status.ShouldBe(PaymentStatus.RequiresAction);
        summary.NextAction!.Type.ShouldBe("redirect");
        summary.NextAction.Url.OriginalString.ShouldBe($"/api/payments/test-card/authenticate/{id}");
    }

    [Theory]
    [InlineData("4242424242424241", "12/40", "123", "payment.details.cardNumber")]
    [InlineData("4242424242424242", "01/20", "123", "payment.details.expiry")]
    [InlineData("4242424242424242", "12/40", "12", "payment.details.cvc")]
    public async Task Invalid_details_are_a_validation_error_naming_the_field_and_record_no_payment(string number, string expiry, string cvc, string field)
    {
        var id = Guid.NewGuid();
        var userId = Guid.NewGuid();
        var result = await _payments.ChargeAsync(id, userId, details: PaymentsDriver.Card(number, expiry, cvc));

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields!.Keys.ShouldBe([field]);
        (await _payments.ApiAsync(api => api.GetAsync(id, PaymentsDriver.Ct))).ShouldBeNull();
        (await _payments.EventTypesAsync(id)).ShouldBeEmpty();

        // Corrected, the same payment id charges.
        (await _payments.ChargeAsync(id, userId)).Value.Status.ShouldBe(PaymentStatus.Captured);
    }

    [Fact]
    public async Task An_unknown_provider_is_a_validation_error_on_the_provider()
    {
        var result = await _payments.ChargeAsync(Guid.NewGuid(), Guid.NewGuid(), provider: "no-such-provider");
        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields!.Keys.ShouldBe(["payment.provider"]);
    }

    [Fact]
    public async Task A_repeat_answers_the_payment_as_it_is_and_charges_nothing_again()
    {
        var id = Guid.NewGuid();
        var userId = Guid.NewGuid();
        var first = (await _payments.ChargeAsync(id, userId)).Value;

        // Even with details that would now decline: nobody is called again.
        var again = (await _payments.ChargeAsync(id, userId, PaymentsDriver.Decline)).Value;

        again.ShouldBe(first);
        (await _payments.EventTypesAsync(id)).ShouldBe(["charge.requested", "charge.captured"]);
    }

    [Fact]
    public async Task A_repeat_for_another_amount_order_or_user_is_a_mismatch()
    {
        var id = Guid.NewGuid();
        var userId = Guid.NewGuid();
        await _payments.ChargeAsync(id, userId);

        (await _payments.ChargeAsync(id, userId, amount: 99m)).Error!.Code.ShouldBe("payments.payment_mismatch");
        (await _payments.ChargeAsync(id, userId, orderId: Guid.NewGuid())).Error!.Code.ShouldBe("payments.payment_mismatch");
        (await _payments.ChargeAsync(id, Guid.NewGuid())).Error!.Kind.ShouldBe(ErrorKind.Conflict);
    }

    [Fact]
    public async Task Ten_parallel_charges_with_one_id_make_one_payment_and_one_capture()
    {
        var id = Guid.NewGuid();
        var userId = Guid.NewGuid();
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            start.Wait(PaymentsDriver.Ct);
            return await _payments.ChargeAsync(id, userId);
        }, PaymentsDriver.Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(calls);

        results.ShouldAllBe(r => r.IsSuccess && r.Value.Status == PaymentStatus.Captured);
        (await _payments.QueryAsync("SELECT count(*) FROM payments.payments WHERE id = @id", r => r.GetInt64(0), ("id", id))).ShouldBe([1L]);
        (await _payments.EventTypesAsync(id)).ShouldBe(["charge.requested", "charge.captured"]);
        (await _payments.PublishedStatusesAsync(id)).ShouldBe([PaymentStatus.Captured]);
    }

    [Fact]
    public async Task A_payment_left_pending_by_a_crash_is_completed_by_the_retry()
    {
        var id = Guid.NewGuid();
        var userId = Guid.NewGuid();
        await _payments.ChargeAsync(id, userId);

        // As if the first caller had crashed after committing the Pending row, before the provider answered.
        await _payments.QueryAsync(
            "UPDATE payments.payments SET status = 'Pending', captured = 0, provider_reference = NULL WHERE id = @id RETURNING 1", r => r.GetInt32(0), ("id", id));
        await _payments.QueryAsync("DELETE FROM payments.payment_events WHERE payment_id = @id AND type <> 'charge.requested' RETURNING 1", r => r.GetInt32(0), ("id", id));

        var retried = (await _payments.ChargeAsync(id, userId)).Value;
        retried.Status.ShouldBe(PaymentStatus.Captured);
        (await _payments.EventTypesAsync(id)).ShouldBe(["charge.requested", "charge.captured"]);
    }

    [Fact]
    public async Task Get_payment_shows_the_owner_their_payment_and_nobody_else()
    {
        var id = Guid.NewGuid();
        var owner = Guid.NewGuid();
        await _payments.ChargeAsync(id, owner);

        var payment = await _payments.ClientOf(owner).GetAsync($"/api/payments/{id}", PaymentsDriver.Ct);
        var json = await payment.ReadJsonElementAsync();
        json.GetProperty("id").GetGuid().ShouldBe(id);
        json.GetProperty("orderId").GetGuid().ShouldBe(PaymentsDriver.OrderOf(id));
        json.GetProperty("provider").GetString().ShouldBe("test-card");
        json.GetProperty("status").GetString().ShouldBe("Captured");
        json.GetProperty("amount").GetDecimal().ShouldBe(12.34m);
        json.GetProperty("captured").GetDecimal().ShouldBe(12.34m);
        json.GetProperty("refunded").GetDecimal().ShouldBe(0m);
        json.GetProperty("currency").GetString().ShouldBe("USD");
        json.GetProperty("method").GetString().ShouldBe("Visa •••• 4242");
        json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["charge.requested", "charge.captured"]);
        json.GetProperty("events")[1].GetProperty("status").GetString().ShouldBe("Captured");

        var other = await _payments.ClientOf(Guid.NewGuid()).GetAsync($"/api/payments/{id}", PaymentsDriver.Ct);
        (await other.ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("payments.not_found");
        (await factory.CreateAnonymousClient().GetAsync($"/api/payments/{id}", PaymentsDriver.Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _payments.ClientOf(owner).GetAsync($"/api/payments/{Guid.NewGuid()}", PaymentsDriver.Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Providers_are_listed_for_anyone()
    {
        var providers = await factory.CreateAnonymousClient().GetAsync("/api/payments/providers", PaymentsDriver.Ct);
        var json = await providers.ReadJsonElementAsync();
        var testCard = json.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "test-card");
        testCard.GetProperty("name").GetString().ShouldBe("Test card");
        testCard.GetProperty("kind").GetString().ShouldBe("card");
        testCard.GetProperty("testMode").GetBoolean().ShouldBeTrue();
    }
}
