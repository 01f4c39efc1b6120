using System.Net;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Http;

/// <summary><c>POST /api/payments/webhooks/{provider}</c> and the simulated bank page that uses the same path.</summary>
public sealed class WebhookTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly PaymentsDriver _payments = new(factory);

    private async Task<Guid> WaitingPaymentAsync(Guid? userId = null)
    {
        var id = Guid.NewGuid();
        (await _payments.ChargeAsync(id, userId ?? Guid.NewGuid(), PaymentsDriver.ThreeDs)).Value.Status.ShouldBe(PaymentStatus.RequiresAction);
        return id;
    }

    private async Task<PaymentSummary> PaymentAsync(Guid id) => (await _payments.ApiAsync(api => api.GetAsync(id, PaymentsDriver.Ct)))!;

    [Fact]
    public async Task A_signed_success_captures_the_waiting_payment_and_publishes_it()
    {
        var id = await WaitingPaymentAsync();
        var response = await _payments.DeliverSignedAsync(PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.succeeded", id));

        var json = await response.ReadJsonElementAsync();
        json.GetProperty("received").GetBoolean().ShouldBeTrue();
        json.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        var payment = await PaymentAsync(id);
        payment.Status.ShouldBe(PaymentStatus.Captured);
        payment.Captured.Amount.ShouldBe(12.34m);
        payment.NextAction.ShouldBeNull();
        (await _payments.PublishedStatusesAsync(id)).ShouldBe([PaymentStatus.RequiresAction, PaymentStatus.Captured]);
    }

    [Fact]
    public async Task A_signed_failure_fails_the_waiting_payment()
    {
        var id = await WaitingPaymentAsync();
        await (await _payments.DeliverSignedAsync(PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.failed", id, failureCode: "authentication_failed")))
            .ExpectStatusAsync(HttpStatusCode.OK);

        var payment = await PaymentAsync(id);
        payment.Status.ShouldBe(PaymentStatus.Failed);
        payment.FailureCode.ShouldBe("authentication_failed");
    }

    [Fact]
    public async Task A_replayed_event_id_has_no_second_effect()
    {
        var id = await WaitingPaymentAsync();
        var body = PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.succeeded", id);
        var signature = PaymentsDriver.Sign(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await (await _payments.DeliverAsync(body, signature)).ExpectStatusAsync(HttpStatusCode.OK);
        var version = (await PaymentAsync(id)).Version;

        var replays = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _payments.DeliverAsync(body, signature)));

        foreach (var replay in replays)
        {
            (await replay.ReadJsonElementAsync()).GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        }

        (await PaymentAsync(id)).Version.ShouldBe(version);
        (await _payments.EventTypesAsync(id)).Count(t => t == "webhook.payment.succeeded").ShouldBe(1);
    }

    [Fact]
    public async Task Parallel_first_deliveries_of_one_event_apply_it_once()
    {
        var id = await WaitingPaymentAsync();
        var body = PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.succeeded", id);
        var signature = PaymentsDriver.Sign(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _payments.DeliverAsync(body, signature), PaymentsDriver.Ct)));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        (await _payments.EventTypesAsync(id)).Count(t => t == "webhook.payment.succeeded").ShouldBe(1);
        (await _payments.PublishedStatusesAsync(id)).ShouldBe([PaymentStatus.RequiresAction, PaymentStatus.Captured]);
    }

    [Fact]
    public async Task A_late_action_required_after_success_changes_nothing_but_is_logged()
    {
        var id = await WaitingPaymentAsync();
        await (await _payments.DeliverSignedAsync(PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.succeeded", id))).ExpectStatusAsync(HttpStatusCode.OK);
        var before = await PaymentAsync(id);

        await (await _payments.DeliverSignedAsync(PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.action_required", id))).ExpectStatusAsync(HttpStatusCode.OK);
        await (await _payments.DeliverSignedAsync(PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.failed", id))).ExpectStatusAsync(HttpStatusCode.OK);

        (await PaymentAsync(id)).ShouldBe(before);
        (await _payments.EventTypesAsync(id)).ShouldBe(
            ["charge.requested", "action.required", "webhook.payment.succeeded", "webhook.payment.action_required", "webhook.payment.failed"]);
    }

    [Fact]
    public async Task A_bad_signature_is_401_and_changes_nothing()
    {
        var id = await WaitingPaymentAsync();
        var body = PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.succeeded", id);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        (await (await _payments.DeliverAsync(body, PaymentsDriver.Sign(body, now, "whsec_test_an_attackers_guess_00"))).ReadProblemAsync(HttpStatusCode.Unauthorized))
            .Code.ShouldBe("payments.webhook_signature_invalid");
        (await _payments.DeliverAsync(body, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _payments.DeliverAsync(body.Replace("12.34", "0.01", StringComparison.Ordinal), PaymentsDriver.Sign(body, now))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PaymentAsync(id)).Status.ShouldBe(PaymentStatus.RequiresAction);
    }

    [Fact]
    public async Task A_stale_timestamp_is_400_and_a_signed_non_event_is_400()
    {
        var id = await WaitingPaymentAsync();
        var body = PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.succeeded", id);
        var old = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds();
        (await (await _payments.DeliverAsync(body, PaymentsDriver.Sign(body, old))).ReadProblemAsync(HttpStatusCode.BadRequest)).Code.ShouldBe("payments.webhook_stale");

        (await (await _payments.DeliverSignedAsync("{\"not\":\"an event\"}")).ReadProblemAsync(HttpStatusCode.BadRequest)).Code.ShouldBe("payments.webhook_malformed");
        (await PaymentAsync(id)).Status.ShouldBe(PaymentStatus.RequiresAction);
    }

    [Fact]
    public async Task The_raw_body_is_verified_whatever_its_content_type()
    {
        var id = await WaitingPaymentAsync();
        var body = PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.succeeded", id);
        await (await _payments.DeliverAsync(body, PaymentsDriver.Sign(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds()), contentType: "text/plain; charset=latin1"))
            .ExpectStatusAsync(HttpStatusCode.OK);
        (await PaymentAsync(id)).Status.ShouldBe(PaymentStatus.Captured);
    }

    [Fact]
    public async Task Unknown_providers_are_404_unknown_payments_are_acknowledged_and_huge_bodies_413()
    {
        var body = PaymentsDriver.Body("evt_unknown_provider", "payment.succeeded", Guid.NewGuid());
        (await (await _payments.DeliverAsync(body, PaymentsDriver.Sign(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds()), provider: "nope"))
            .ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("payments.provider_not_found");

        var unknownPayment = await _payments.DeliverSignedAsync(PaymentsDriver.Body($"evt_{Guid.NewGuid():N}", "payment.succeeded", Guid.NewGuid()));
        (await unknownPayment.ReadJsonElementAsync()).GetProperty("received").GetBoolean().ShouldBeTrue();

        var huge = new string('x', 70_000);
        (await _payments.DeliverAsync(huge, PaymentsDriver.Sign(huge, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_bank_page_shows_the_amount_and_two_buttons_under_its_own_csp()
    {
        var id = await WaitingPaymentAsync();
        var page = await factory.CreateAnonymousClient().GetAsync($"/api/payments/test-card/authenticate/{id}", PaymentsDriver.Ct);

        await page.ExpectStatusAsync(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("form-action 'self'");
        csp.ShouldContain("default-src 'none'");
        var html = await page.Content.ReadAsStringAsync(PaymentsDriver.Ct);
        html.ShouldContain("12.34 USD");
        html.ShouldContain("<form method=\"post\">");
        html.ShouldContain("value=\"approve\"");
        html.ShouldContain("value=\"fail\"");
        html.ShouldNotContain(PaymentsDriver.ThreeDs);

        (await factory.CreateAnonymousClient().GetAsync($"/api/payments/test-card/authenticate/{Guid.NewGuid()}", PaymentsDriver.Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.CreateAnonymousClient().GetAsync($"/api/payments/nope/authenticate/{id}", PaymentsDriver.Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Approving_on_the_bank_page_captures_through_a_signed_webhook()
    {
        var id = await WaitingPaymentAsync();
        var answer = await factory.CreateAnonymousClient().PostAsync(
            $"/api/payments/test-card/authenticate/{id}", HttpResponseExtensions.RawJson("{\"outcome\":\"approve\"}"), PaymentsDriver.Ct);

        var json = await answer.ReadJsonElementAsync();
        json.GetProperty("paymentId").GetGuid().ShouldBe(id);
        json.GetProperty("status").GetString().ShouldBe("Captured");
        (await _payments.EventTypesAsync(id)).ShouldBe(["charge.requested", "action.required", "webhook.payment.succeeded"]);
        (await _payments.QueryAsync("SELECT count(*) FROM payments.webhook_deliveries WHERE payment_reference = @id", r => r.GetInt64(0), ("id", id.ToString())))
            .ShouldBe([1L]);

        // The page is gone once the payment moved on.
        (await factory.CreateAnonymousClient().GetAsync($"/api/payments/test-card/authenticate/{id}", PaymentsDriver.Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.CreateAnonymousClient().PostAsync(
            $"/api/payments/test-card/authenticate/{id}", HttpResponseExtensions.RawJson("{\"outcome\":\"fail\"}"), PaymentsDriver.Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PaymentAsync(id)).Status.ShouldBe(PaymentStatus.Captured);
    }

    [Fact]
    public async Task Failing_with_the_pages_form_fails_the_payment_and_answers_html()
    {
        var id = await WaitingPaymentAsync();
        var answer = await factory.CreateAnonymousClient().PostAsync(
            $"/api/payments/test-card/authenticate/{id}", new FormUrlEncodedContent([new("outcome", "fail")]), PaymentsDriver.Ct);

        await answer.ExpectStatusAsync(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await answer.Content.ReadAsStringAsync(PaymentsDriver.Ct)).ShouldContain("Failed");
        var payment = await PaymentAsync(id);
        payment.Status.ShouldBe(PaymentStatus.Failed);
        payment.FailureCode.ShouldBe("authentication_failed");
    }

    [Fact]
    public async Task A_bank_page_answer_other_than_approve_or_fail_is_400()
    {
        var id = await WaitingPaymentAsync();
        var client = factory.CreateAnonymousClient();
        var url = $"/api/payments/test-card/authenticate/{id}";
        (await (await client.PostAsync(url, HttpResponseExtensions.RawJson("{\"outcome\":\"maybe\"}"), PaymentsDriver.Ct))
            .ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldBe(["outcome"]);
        (await client.PostAsync(url, HttpResponseExtensions.RawJson("{oops"), PaymentsDriver.Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync(url, new StringContent("approve"), PaymentsDriver.Ct)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await PaymentAsync(id)).Status.ShouldBe(PaymentStatus.RequiresAction);
    }
}
