using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using ModularShop.Payments.Abstractions;
using ModularShop.Plugins.Payments.TestCard;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Provider;

public sealed class TestCardProviderTests
{
    private const string Secret = "whsec_test_current_secret_0001";
    private const string OldSecret = "whsec_test_previous_secret_0001";
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestCardProvider Provider(params string[] previous) =>
        new(new TestCardOptions { WebhookSecret = Secret, PreviousWebhookSecrets = [.. previous] }, _clock);

    private static Dictionary<string, string?> Card(string number, string expiry = "12/30", string cvc = "123") =>
        new() { ["cardNumber"] = number, ["expiry"] = expiry, ["cvc"] = cvc };

    private static AuthorizeRequest Request(Dictionary<string, string?> details, string key = "pay-1", bool capture = true, Uri? baseUrl = null) =>
        new("8f4e7d5a-0000-4000-8000-000000000001", new PaymentAmount(12.34m, "USD"), details, capture, key, baseUrl);

    [Fact]
    public void Describes_itself_as_a_test_mode_card_provider()
    {
        var provider = Provider();
        provider.Code.ShouldBe("test-card");
        provider.DisplayName.ShouldBe("Test card");
        provider.Kind.ShouldBe(PaymentProviderKind.Card);
        provider.TestMode.ShouldBeTrue();
        provider.Capabilities.ShouldBe(PaymentCapabilities.Capture | PaymentCapabilities.Void | PaymentCapabilities.Refund
            | PaymentCapabilities.PartialRefund | PaymentCapabilities.RequiresAction | PaymentCapabilities.Webhooks);
    }

    [Fact]
    public async Task The_approving_card_is_captured_when_asked_and_shows_brand_and_last_four()
    {
        var captured = await Provider().AuthorizeAsync(Request(Card("4242 4242 4242 4242")), Ct);
        captured.Status.ShouldBe(AuthorizeStatus.Captured);
        captured.ProviderReference.ShouldStartWith("tc_");
        captured.Method.ShouldBe(new PaymentMethodDisplay("Visa •••• 4242", "Visa", "4242"));

        var authorized = await Provider().AuthorizeAsync(Request(Card("4242-4242-4242-4242"), capture: false), Ct);
        authorized.Status.ShouldBe(AuthorizeStatus.Authorized);
    }

    [Theory]
    [InlineData("4000000000000002", "card_declined")]
    [InlineData("4000000000009995", "insufficient_funds")]
    public async Task Declining_cards_decline_with_their_code(string number, string code)
    {
        var result = await Provider().AuthorizeAsync(Request(Card(number)), Ct);
        result.Status.ShouldBe(AuthorizeStatus.Declined);
        result.DeclineCode.ShouldBe(code);
        result.ProviderReference.ShouldNotBeNull();
        result.Method!.Display.ShouldBe($"Visa •••• {number[^4..]}");
    }

    [Fact]
    public async Task The_3ds_card_requires_action_on_the_shops_bank_page()
    {
        var result = await Provider().AuthorizeAsync(Request(Card("4000002500003155"), baseUrl: new Uri("https://shop.example/")), Ct);
        result.Status.ShouldBe(AuthorizeStatus.RequiresAction);
        result.NextAction!.Type.ShouldBe("redirect");
        result.NextAction.Url.ToString().ShouldBe("https://shop.example/api/payments/test-card/authenticate/8f4e7d5a-0000-4000-8000-000000000001");

        var relative = await Provider().AuthorizeAsync(Request(Card("4000002500003155")), Ct);
        relative.NextAction!.Url.OriginalString.ShouldBe("/api/payments/test-card/authenticate/8f4e7d5a-0000-4000-8000-000000000001");
    }

    [Theory]
    [InlineData("5555555555554444", "Mastercard")]
    [InlineData("2223003122003222", "Mastercard")]
    [InlineData("6011111111111117", "Card")]
    public async Task Any_other_valid_number_approves_with_its_brand(string number, string brand)
    {
        var result = await Provider().AuthorizeAsync(Request(Card(number)), Ct);
        result.Status.ShouldBe(AuthorizeStatus.Captured);
        result.Method!.Brand.ShouldBe(brand);
        result.Method.Last4.ShouldBe(number[^4..]);
    }

    [Fact]
    public async Task Amex_needs_a_four_digit_security_code()
    {
        (await Provider().AuthorizeAsync(Request(Card("378282246310005", cvc: "1234")), Ct)).Method!.Brand.ShouldBe("Amex");
        var three = await Provider().AuthorizeAsync(Request(Card("378282246310005", cvc: "123")), Ct);
        three.Status.ShouldBe(AuthorizeStatus.Invalid);
        three.InvalidField.ShouldBe("cvc");
    }

    [Theory]
    [InlineData(null, "12/30", "123", "cardNumber")]
    [InlineData("4242", "12/30", "123", "cardNumber")]
    [InlineData("4242424242424241", "12/30", "123", "cardNumber")] // Luhn
    [InlineData("4242x424242424242", "12/30", "123", "cardNumber")]
    [InlineData("42424242424242424242", "12/30", "123", "cardNumber")] // 20 digits
    [InlineData("4242424242424242", null, "123", "expiry")]
    [InlineData("4242424242424242", "13/30", "123", "expiry")]
    [InlineData("4242424242424242", "1230", "123", "expiry")]
    [InlineData("4242424242424242", "05/26", "123", "expiry")] // last month, by the provider's clock
    [InlineData("4242424242424242", "12/2025", "123", "expiry")]
    [InlineData("4242424242424242", "12/30", null, "cvc")]
    [InlineData("4242424242424242", "12/30", "12", "cvc")]
    [InlineData("4242424242424242", "12/30", "1234", "cvc")]
    [InlineData("4242424242424242", "12/30", "12a", "cvc")]
    public async Task Wrong_details_are_invalid_naming_the_field(string? number, string? expiry, string? cvc, string field)
    {
        var details = new Dictionary<string, string?> { ["cardNumber"] = number, ["expiry"] = expiry, ["cvc"] = cvc };
        var result = await Provider().AuthorizeAsync(Request(details), Ct);
        result.Status.ShouldBe(AuthorizeStatus.Invalid);
        result.InvalidField.ShouldBe(field);
        result.Message.ShouldNotBeNullOrWhiteSpace();
        result.ProviderReference.ShouldBeNull();
        if (number is not null)
        {
            result.Message!.ShouldNotContain(number);
        }
    }

    [Theory]
    [InlineData("06/26")]
    [InlineData("6/2026")]
    [InlineData("01/2040")]
    public async Task An_expiry_this_month_or_later_is_fine(string expiry) =>
        (await Provider().AuthorizeAsync(Request(Card("4242424242424242", expiry)), Ct)).Status.ShouldBe(AuthorizeStatus.Captured);

    [Fact]
    public async Task The_same_idempotency_key_gives_the_same_reference_and_outcome()
    {
        var provider = Provider();
        var first = await provider.AuthorizeAsync(Request(Card("4000000000000002"), key: "k-1"), Ct);
        var again = await Provider().AuthorizeAsync(Request(Card("4000000000000002"), key: "k-1"), Ct);
        var other = await provider.AuthorizeAsync(Request(Card("4000000000000002"), key: "k-2"), Ct);
        again.ShouldBe(first);
        other.ProviderReference.ShouldNotBe(first.ProviderReference);
        first.ProviderReference!.Length.ShouldBe(27);

        var refund = await provider.RefundAsync(new RefundRequest("p", first.ProviderReference, new PaymentAmount(1m, "USD"), "r-1", null), Ct);
        var refundAgain = await provider.RefundAsync(new RefundRequest("p", first.ProviderReference, new PaymentAmount(1m, "USD"), "r-1", null), Ct);
        refund.Status.ShouldBe(PaymentOperationStatus.Succeeded);
        refund.ProviderReference.ShouldStartWith("re_");
        refundAgain.ShouldBe(refund);
        (await provider.VoidAsync(new VoidRequest("p", "tc_x", "v-1"), Ct)).Status.ShouldBe(PaymentOperationStatus.Succeeded);
        (await provider.CaptureAsync(new CaptureRequest("p", "tc_x", new PaymentAmount(1m, "USD"), "c-1"), Ct)).Status.ShouldBe(PaymentOperationStatus.Succeeded);
    }

    [Fact]
    public void Settings_need_a_long_enough_secret()
    {
        Should.Throw<ArgumentException>(() => new TestCardProvider(new TestCardOptions { WebhookSecret = "short" }, _clock));
        Should.Throw<ArgumentException>(() => new TestCardProvider(new TestCardOptions { WebhookSecret = Secret, PreviousWebhookSecrets = ["x"] }, _clock));
        new TestCardOptions().Validate().ShouldNotBeEmpty();
    }

    // ---- Webhooks ---------------------------------------------------------------------------------------------------

    private const string Body = """{"id":"evt_1","type":"payment.succeeded","data":{"paymentReference":"8f4e7d5a-0000-4000-8000-000000000001","providerReference":"tc_1","amount":12.34,"currency":"USD"}}""";

    /// <summary>Signed independently of the provider's code: HMAC-SHA256(secret, "t.body"), lowercase hex.</summary>
    private static string V1(string secret, long t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));

    private WebhookVerification Verify(TestCardProvider provider, string body, string? header, DateTimeOffset? at = null)
    {
        var headers = new Dictionary<string, string>();
        if (header is not null)
        {
            headers["test-card-signature"] = header; // names are case-insensitive
        }

        return provider.VerifyWebhook(new WebhookRequest(Encoding.UTF8.GetBytes(body), headers, at ?? Now));
    }

    [Fact]
    public void A_correctly_signed_delivery_is_valid_and_parsed()
    {
        var t = Now.ToUnixTimeSeconds();
        var result = Verify(Provider(), Body, $"t={t},v1={V1(Secret, t, Body)}");
        result.Status.ShouldBe(WebhookVerificationStatus.Valid);
        result.Event.ShouldBe(new WebhookEvent("evt_1", "payment.succeeded", WebhookEventKind.PaymentSucceeded,
            "8f4e7d5a-0000-4000-8000-000000000001", new PaymentAmount(12.34m, "USD")));
    }

    [Fact]
    public void A_tampered_body_a_wrong_secret_or_a_bad_header_is_an_invalid_signature()
    {
        var t = Now.ToUnixTimeSeconds();
        var good = V1(Secret, t, Body);
        Verify(Provider(), Body.Replace("12.34", "0.01", StringComparison.Ordinal), $"t={t},v1={good}").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, $"t={t},v1={V1("whsec_test_someone_elses_secret", t, Body)}").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, $"t={t + 1},v1={good}").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, null).Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, "").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, "garbage").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, $"v1={good}").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, $"t=abc,v1={good}").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, $"t={t},v1=zz{good[2..]}").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
        Verify(Provider(), Body, $"t={t},v0={good}").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public void A_timestamp_outside_the_tolerance_is_stale(int offsetSeconds)
    {
        var t = Now.ToUnixTimeSeconds() + offsetSeconds;
        Verify(Provider(), Body, $"t={t},v1={V1(Secret, t, Body)}").Status.ShouldBe(WebhookVerificationStatus.Stale);
    }

    [Fact]
    public void A_timestamp_within_the_tolerance_is_fresh()
    {
        var t = Now.ToUnixTimeSeconds() - 300;
        Verify(Provider(), Body, $"t={t},v1={V1(Secret, t, Body)}").Status.ShouldBe(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void During_rotation_the_previous_secret_still_verifies_and_any_of_several_v1_may_match()
    {
        var t = Now.ToUnixTimeSeconds();
        var rotating = Provider(OldSecret);
        Verify(rotating, Body, $"t={t},v1={V1(OldSecret, t, Body)}").Status.ShouldBe(WebhookVerificationStatus.Valid);
        Verify(rotating, Body, $"t={t},v1={V1(Secret, t, Body)}").Status.ShouldBe(WebhookVerificationStatus.Valid);
        Verify(rotating, Body, $"t={t},v1={V1("whsec_test_unrelated_secret_000", t, Body)},v1={V1(OldSecret, t, Body)}").Status.ShouldBe(WebhookVerificationStatus.Valid);

        // Once the old secret is dropped from the settings, its signatures no longer count.
        Verify(Provider(), Body, $"t={t},v1={V1(OldSecret, t, Body)}").Status.ShouldBe(WebhookVerificationStatus.InvalidSignature);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"id":"evt_1","type":"payment.succeeded"}""")]
    [InlineData("""{"id":"evt_1","type":"payment.succeeded","data":{}}""")]
    [InlineData("""{"id":"","type":"payment.succeeded","data":{"paymentReference":"x"}}""")]
    [InlineData("""{"id":1,"type":"payment.succeeded","data":{"paymentReference":"x"}}""")]
    [InlineData("[1,2]")]
    public void A_signed_body_that_is_no_event_is_malformed(string body)
    {
        var t = Now.ToUnixTimeSeconds();
        Verify(Provider(), body, $"t={t},v1={V1(Secret, t, body)}").Status.ShouldBe(WebhookVerificationStatus.Malformed);
    }

    [Theory]
    [InlineData("payment.failed", WebhookEventKind.PaymentFailed)]
    [InlineData("payment.action_required", WebhookEventKind.ActionRequired)]
    [InlineData("charge.refunded", WebhookEventKind.Refunded)]
    [InlineData("customer.updated", WebhookEventKind.Other)]
    public void Event_types_map_to_kinds(string type, WebhookEventKind kind)
    {
        var body = Body.Replace("payment.succeeded", type, StringComparison.Ordinal);
        var t = Now.ToUnixTimeSeconds();
        Verify(Provider(), body, $"t={t},v1={V1(Secret, t, body)}").Event!.Kind.ShouldBe(kind);
    }

    [Fact]
    public void The_simulator_signs_its_webhook_with_every_secret_and_a_new_event_id()
    {
        var provider = Provider(OldSecret);
        var approved = provider.CompleteAction("pay-ref", "tc_ref", new PaymentAmount(12.34m, "USD"), approved: true, Now);
        var failed = provider.CompleteAction("pay-ref", "tc_ref", new PaymentAmount(12.34m, "USD"), approved: false, Now);

        var header = approved.Headers["Test-Card-Signature"];
        var body = Encoding.UTF8.GetString(approved.Body);
        header.ShouldBe($"t={Now.ToUnixTimeSeconds()},v1={V1(Secret, Now.ToUnixTimeSeconds(), body)},v1={V1(OldSecret, Now.ToUnixTimeSeconds(), body)}");

        var approvedEvent = provider.VerifyWebhook(new WebhookRequest(approved.Body, approved.Headers, Now)).Event!;
        approvedEvent.Kind.ShouldBe(WebhookEventKind.PaymentSucceeded);
        approvedEvent.PaymentReference.ShouldBe("pay-ref");
        approvedEvent.Amount.ShouldBe(new PaymentAmount(12.34m, "USD"));
        approvedEvent.EventId.ShouldStartWith("evt_");

        var failedEvent = provider.VerifyWebhook(new WebhookRequest(failed.Body, failed.Headers, Now)).Event!;
        failedEvent.Kind.ShouldBe(WebhookEventKind.PaymentFailed);
        failedEvent.FailureCode.ShouldBe("authentication_failed");
        failedEvent.EventId.ShouldNotBe(approvedEvent.EventId);

        // A shop that only knows the old secret (not rotated yet) accepts it too: one v1 per secret.
        var oldOnly = new TestCardProvider(new TestCardOptions { WebhookSecret = OldSecret }, _clock);
        oldOnly.VerifyWebhook(new WebhookRequest(approved.Body, approved.Headers, Now)).Status.ShouldBe(WebhookVerificationStatus.Valid);
    }
}
