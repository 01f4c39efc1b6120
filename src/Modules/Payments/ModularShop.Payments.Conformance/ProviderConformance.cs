using System.Text;
using System.Text.RegularExpressions;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Payments.Conformance;

/// <summary>
/// The checks, one method each: what the shop relies on from every <see cref="IPaymentProvider"/> (decision 0011). Each
/// throws <see cref="ConformanceException"/> naming the broken rule, or <see cref="ConformanceNotApplicableException"/>
/// when the sandbox does not offer what the check needs. <see cref="PaymentProviderConformanceTests"/> runs them as
/// tests; call them directly from any other test framework.
/// </summary>
public static partial class ProviderConformance
{
    /// <summary>What the checks charge.</summary>
    public static readonly PaymentAmount Amount = new(42.50m, "USD");

    private static readonly Uri ShopUrl = new("https://shop.example");

    /// <summary>Code, name, kind and capability flags are usable and consistent.</summary>
    public static void DescribesItself(IPaymentProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var code = Read("Code", () => provider.Code);
        Require(code is { Length: > 0 and <= 64 } && CodePattern().IsMatch(code), $"Code '{code}' must be 1-64 lower-case letters, digits and dashes.");
        Require(!string.IsNullOrWhiteSpace(Read("DisplayName", () => provider.DisplayName)), "DisplayName must not be empty: shoppers see it.");
        var kind = Read("Kind", () => provider.Kind);
        Require(Enum.IsDefined(kind), $"Kind {(int)kind} is not a PaymentProviderKind.");
        var caps = Read("Capabilities", () => provider.Capabilities);
        Require(!caps.HasFlag(PaymentCapabilities.PartialCapture) || caps.HasFlag(PaymentCapabilities.Capture), "PartialCapture needs Capture.");
        Require(!caps.HasFlag(PaymentCapabilities.PartialRefund) || caps.HasFlag(PaymentCapabilities.Refund), "PartialRefund needs Refund.");
        Require(!caps.HasFlag(PaymentCapabilities.RequiresAction) || caps.HasFlag(PaymentCapabilities.Webhooks),
            "RequiresAction needs Webhooks: the outcome of the shopper's action can only arrive by webhook.");
        _ = Read("TestMode", () => provider.TestMode);
    }

    /// <summary>An operation the capability flags leave out answers a result (Unsupported or Failed), never an
    /// exception and never success; the verification of an unexpected webhook never throws.</summary>
    public static async Task UnsupportedOperationsAreResultsAsync(IPaymentProvider provider, IConformanceSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(sandbox);
        var caps = provider.Capabilities;
        var checkedSomething = false;
        var (reference, key) = NewPayment();
        var authorized = await CallAsync("AuthorizeAsync", () => provider.AuthorizeAsync(Authorize(reference, key, sandbox.ApprovingDetails, capture: caps.HasFlag(PaymentCapabilities.Capture)), cancellationToken));
        var providerReference = authorized.ProviderReference ?? "unknown";

        if (!caps.HasFlag(PaymentCapabilities.Capture))
        {
            checkedSomething = true;
            var (r2, k2) = NewPayment();
            var withCapture = await CallAsync("AuthorizeAsync (Capture requested, capability missing)", () => provider.AuthorizeAsync(Authorize(r2, k2, sandbox.ApprovingDetails, capture: true), cancellationToken));
            Require(withCapture.Status != AuthorizeStatus.Captured, "AuthorizeAsync captured although the provider does not list Capture.");
            RefusedOrUnsupported("CaptureAsync without Capture", await CallAsync("CaptureAsync", () => provider.CaptureAsync(new CaptureRequest(reference, providerReference, Amount, key + ":capture"), cancellationToken)));
        }
        if (!caps.HasFlag(PaymentCapabilities.Void))
        {
            checkedSomething = true;
            RefusedOrUnsupported("VoidAsync without Void", await CallAsync("VoidAsync", () => provider.VoidAsync(new VoidRequest(reference, providerReference, key + ":void"), cancellationToken)));
        }

        if (!caps.HasFlag(PaymentCapabilities.Refund))
        {
            checkedSomething = true;
            RefusedOrUnsupported("RefundAsync without Refund", await CallAsync("RefundAsync",
                () => provider.RefundAsync(new RefundRequest(reference, providerReference, Amount, key + ":refund", "conformance", Amount), cancellationToken)));
        }
        else if (!caps.HasFlag(PaymentCapabilities.PartialRefund))
        {
            checkedSomething = true;
            RefusedOrUnsupported("a partial RefundAsync without PartialRefund", await CallAsync("RefundAsync (partial)",
                () => provider.RefundAsync(new RefundRequest(reference, providerReference, Amount with { Amount = 1.00m }, key + ":refund-part", "conformance", Amount), cancellationToken)));
        }

        if (!caps.HasFlag(PaymentCapabilities.RequiresAction))
        {
            checkedSomething = true;
            Require(authorized.Status != AuthorizeStatus.RequiresAction, "AuthorizeAsync asked for the shopper's action although the provider does not list RequiresAction.");
        }

        if (!caps.HasFlag(PaymentCapabilities.Webhooks))
        {
            checkedSomething = true;
            var verification = Verify(provider, new WebhookDelivery(new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{\"id\":\"evt_1\"}")), DateTimeOffset.UtcNow);
            Require(verification.Status != WebhookVerificationStatus.Valid, "VerifyWebhook accepted a delivery although the provider does not list Webhooks.");
        }

        if (!checkedSomething)
        {
            throw new ConformanceNotApplicableException("The provider lists every capability the kit can check: nothing is unsupported.");
        }
    }

    /// <summary>The same idempotency key gives the same outcome (status, reference) for authorize, capture, void and
    /// refund, and never a second charge (when the sandbox can count charges).</summary>
    public static async Task SameKeyGivesTheSameOutcomeAsync(IPaymentProvider provider, IConformanceSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(sandbox);
        var caps = provider.Capabilities;
        var (reference, key) = NewPayment();
        var request = Authorize(reference, key, sandbox.ApprovingDetails, capture: caps.HasFlag(PaymentCapabilities.Capture));
        var first = await CallAsync("AuthorizeAsync", () => provider.AuthorizeAsync(request, cancellationToken));
        var second = await CallAsync("AuthorizeAsync (same key)", () => provider.AuthorizeAsync(request, cancellationToken));
        Require(first.Status == second.Status && first.ProviderReference == second.ProviderReference && first.DeclineCode == second.DeclineCode,
            $"AuthorizeAsync with the same idempotency key answered {Describe(first)} then {Describe(second)}.");
        Require(first.Status is not (AuthorizeStatus.Declined or AuthorizeStatus.Invalid),
            $"The sandbox's ApprovingDetails were not approved: {Describe(first)}.");
        if (await sandbox.ChargeCountAsync(reference, cancellationToken) is { } charges)
        {
            Require(charges <= 1, $"The same idempotency key made {charges} charges at the provider.");
        }

        var providerReference = first.ProviderReference ?? string.Empty;
        if (caps.HasFlag(PaymentCapabilities.Capture))
        {
            // A separate authorization without capture (the shop captures later: offline money received, reconciliation).
            var (rc, kc) = NewPayment();
            var uncaptured = await CallAsync("AuthorizeAsync (no capture)", () => provider.AuthorizeAsync(Authorize(rc, kc, sandbox.ApprovingDetails, capture: false), cancellationToken));
            if (uncaptured.Status is AuthorizeStatus.Authorized or AuthorizeStatus.Pending)
            {
                var capture = new CaptureRequest(rc, uncaptured.ProviderReference ?? string.Empty, Amount, kc + ":capture");
                Same("CaptureAsync", await CallAsync("CaptureAsync", () => provider.CaptureAsync(capture, cancellationToken)),
                    await CallAsync("CaptureAsync (same key)", () => provider.CaptureAsync(capture, cancellationToken)));
            }
        }

        if (caps.HasFlag(PaymentCapabilities.Refund))
        {
            var refund = new RefundRequest(reference, providerReference, Amount, key + ":refund", "conformance", Amount);
            Same("RefundAsync", await CallAsync("RefundAsync", () => provider.RefundAsync(refund, cancellationToken)),
                await CallAsync("RefundAsync (same key)", () => provider.RefundAsync(refund, cancellationToken)));
        }

        if (caps.HasFlag(PaymentCapabilities.Void))
        {
            var (r2, k2) = NewPayment();
            var other = await CallAsync("AuthorizeAsync", () => provider.AuthorizeAsync(Authorize(r2, k2, sandbox.ApprovingDetails, capture: false), cancellationToken));
            var voiding = new VoidRequest(r2, other.ProviderReference ?? string.Empty, k2 + ":void");
            Same("VoidAsync", await CallAsync("VoidAsync", () => provider.VoidAsync(voiding, cancellationToken)),
                await CallAsync("VoidAsync (same key)", () => provider.VoidAsync(voiding, cancellationToken)));
        }
    }

    /// <summary>A refund above what is left of the capture is refused (not Succeeded, not Pending, no exception); refunds
    /// within it work, in parts when the provider lists PartialRefund.</summary>
    public static async Task RefundsNeverExceedTheCaptureAsync(IPaymentProvider provider, IConformanceSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(sandbox);
        if (!provider.Capabilities.HasFlag(PaymentCapabilities.Refund))
        {
            throw new ConformanceNotApplicableException("The provider does not refund.");
        }

        var (reference, key) = NewPayment();
        var charged = await CallAsync("AuthorizeAsync", () => provider.AuthorizeAsync(Authorize(reference, key, sandbox.ApprovingDetails, capture: true), cancellationToken));
        var providerReference = charged.ProviderReference ?? string.Empty;

        var tooMuch = await CallAsync("RefundAsync (above the capture)", () => provider.RefundAsync(
            new RefundRequest(reference, providerReference, Amount with { Amount = Amount.Amount + 0.01m }, key + ":r-too-much", "conformance", Amount), cancellationToken));
        NotDone("a refund of more than was captured", tooMuch);

        if (provider.Capabilities.HasFlag(PaymentCapabilities.PartialRefund))
        {
            var part = await CallAsync("RefundAsync (part)", () => provider.RefundAsync(
                new RefundRequest(reference, providerReference, Amount with { Amount = 10.00m }, key + ":r-part", "conformance", Amount), cancellationToken));
            Done("a partial refund within the capture", part);
            var rest = Amount with { Amount = Amount.Amount - 10.00m };
            var aboveRest = await CallAsync("RefundAsync (above what is left)", () => provider.RefundAsync(
                new RefundRequest(reference, providerReference, rest with { Amount = rest.Amount + 0.01m }, key + ":r-above-rest", "conformance", rest), cancellationToken));
            NotDone("a refund of more than is left after a partial refund", aboveRest);
            Done("a refund of what is left", await CallAsync("RefundAsync (the rest)", () => provider.RefundAsync(
                new RefundRequest(reference, providerReference, rest, key + ":r-rest", "conformance", rest), cancellationToken)));
        }
        else
        {
            Done("a full refund", await CallAsync("RefundAsync (all)", () => provider.RefundAsync(
                new RefundRequest(reference, providerReference, Amount, key + ":r-all", "conformance", Amount), cancellationToken)));
        }

        var nothingLeft = Amount with { Amount = 0m };
        NotDone("a refund when nothing is left", await CallAsync("RefundAsync (nothing left)", () => provider.RefundAsync(
            new RefundRequest(reference, providerReference, Amount with { Amount = 0.01m }, key + ":r-nothing-left", "conformance", nothingLeft), cancellationToken)));
    }

    /// <summary>A decline is a <see cref="AuthorizeStatus.Declined"/> result with a stable lower-case code, and odd
    /// details are a result too — never an exception.</summary>
    public static async Task DeclinesAreResultsAsync(IPaymentProvider provider, IConformanceSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(sandbox);
        foreach (var odd in new Dictionary<string, string?>[] { new(), new() { ["cardNumber"] = "not a number", ["expiry"] = "13/99", ["cvc"] = null } })
        {
            var (r, k) = NewPayment();
            var answer = await CallAsync("AuthorizeAsync (odd details)", () => provider.AuthorizeAsync(Authorize(r, k, odd, capture: true), cancellationToken));
            Require(answer.Status != AuthorizeStatus.Invalid || !string.IsNullOrEmpty(answer.InvalidField), "An Invalid answer must name the InvalidField.");
        }

        if (sandbox.DecliningDetails is not { } declining)
        {
            throw new ConformanceNotApplicableException("The sandbox cannot decline (DecliningDetails is null); odd details were checked.");
        }

        var (reference, key) = NewPayment();
        var declined = await CallAsync("AuthorizeAsync (declining details)", () => provider.AuthorizeAsync(Authorize(reference, key, declining, capture: true), cancellationToken));
        Require(declined.Status == AuthorizeStatus.Declined, $"The sandbox's DecliningDetails answered {Describe(declined)}, not Declined.");
        Require(declined.DeclineCode is { } code && DeclineCodePattern().IsMatch(code), $"DeclineCode '{declined.DeclineCode}' must be a stable lower-case code (card_declined).");
        Require(!string.IsNullOrEmpty(declined.ProviderReference), "A decline must carry the provider's reference.");
    }

    /// <summary>A genuine webhook verifies (and again, with the same event id); a tampered body, missing or garbled
    /// signature headers are refused as <see cref="WebhookVerificationStatus.InvalidSignature"/>; a delivery signed two
    /// hours ago or ahead is <see cref="WebhookVerificationStatus.Stale"/>. Nothing throws.</summary>
    public static void WebhooksAcceptGenuineAndRefuseForgedDeliveries(IPaymentProvider provider, IConformanceSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(sandbox);
        var now = DateTimeOffset.UtcNow;
        var (reference, _) = NewPayment();
        if (!provider.Capabilities.HasFlag(PaymentCapabilities.Webhooks) || sandbox.Webhook(reference, "conformance_ref", Amount, now) is not { } genuine)
        {
            throw new ConformanceNotApplicableException("The provider sends no webhooks.");
        }

        var valid = Verify(provider, genuine, now);
        Require(valid.Status == WebhookVerificationStatus.Valid && valid.Event is not null, $"A genuine delivery was refused: {valid.Status} ({valid.Reason}).");
        Require(valid.Event!.PaymentReference == reference, $"The event names payment '{valid.Event.PaymentReference}', not '{reference}'.");
        Require(!string.IsNullOrEmpty(valid.Event.EventId), "The event has no EventId: the shop de-duplicates deliveries by it.");
        var again = Verify(provider, genuine, now);
        Require(again.Event?.EventId == valid.Event.EventId, "The same delivery verified twice gave two event ids: de-duplication would fail.");

        var tampered = genuine.Body.ToArray();
        var at = Array.FindIndex(tampered, b => b is >= (byte)'0' and <= (byte)'9');
        if (at < 0)
        {
            at = tampered.Length / 2;
        }

        tampered[at] = tampered[at] == (byte)'1' ? (byte)'2' : (byte)'1';
        Refused(provider, "a tampered body", genuine with { Body = tampered }, now, WebhookVerificationStatus.InvalidSignature);
        Refused(provider, "a delivery without headers", genuine with { Headers = new Dictionary<string, string>() }, now, WebhookVerificationStatus.InvalidSignature);
        var garbled = genuine.Headers.ToDictionary(h => h.Key, h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? h.Value : "t=1,v1=00,sha512=AAAA", StringComparer.OrdinalIgnoreCase);
        Refused(provider, "a delivery with garbled signature headers", genuine with { Headers = garbled }, now, WebhookVerificationStatus.InvalidSignature);

        var old = sandbox.Webhook(reference, "conformance_ref", Amount, now.AddHours(-2))!;
        Refused(provider, "a delivery signed two hours ago", old, now, WebhookVerificationStatus.Stale);
        var ahead = sandbox.Webhook(reference, "conformance_ref", Amount, now.AddHours(2))!;
        Refused(provider, "a delivery signed two hours ahead", ahead, now, WebhookVerificationStatus.Stale);
    }

    /// <summary>A delivery signed only with the previous secret verifies while the rotation lasts.</summary>
    public static void WebhookSecretRotationIsHonoured(IPaymentProvider provider, IConformanceSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(sandbox);
        var now = DateTimeOffset.UtcNow;
        var (reference, _) = NewPayment();
        if (!provider.Capabilities.HasFlag(PaymentCapabilities.Webhooks) || sandbox.WebhookWithPreviousSecret(reference, "conformance_ref", Amount, now) is not { } rotated)
        {
            throw new ConformanceNotApplicableException("The sandbox has no previous secret (WebhookWithPreviousSecret is null).");
        }

        var verification = Verify(provider, rotated, now);
        Require(verification.Status == WebhookVerificationStatus.Valid, $"A delivery signed with the previous secret was refused during rotation: {verification.Status} ({verification.Reason}).");
    }

    /// <summary>Malformed input never throws out of the provider: signed bodies that are not the provider's events are
    /// <see cref="WebhookVerificationStatus.Malformed"/>; odd headers are refused; with the sandbox's backend answering
    /// garbage, every operation answers a result and nothing counts as success.</summary>
    public static async Task MalformedInputIsAResultAsync(IPaymentProvider provider, IConformanceSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(sandbox);
        var now = DateTimeOffset.UtcNow;
        var checkedSomething = false;
        if (provider.Capabilities.HasFlag(PaymentCapabilities.Webhooks))
        {
            string[] bodies = ["", "not json", "{}", "[]", "null", "{\"id\":123,\"type\":[]}", "{\"data\":{\"amount\":\"lots\"}}", new string('[', 5000), "{\"id\":\"" + new string('x', 100_000) + "\"}"];
            foreach (var body in bodies)
            {
                if (sandbox.Sign(Encoding.UTF8.GetBytes(body), now) is not { } signed)
                {
                    break;
                }

                checkedSomething = true;
                var shown = body.Length > 40 ? body[..40] + "…" : body;
                Refused(provider, $"a signed body '{shown}'", signed, now, WebhookVerificationStatus.Malformed);
            }

            // Odd values in the provider's own headers (their names from a genuine delivery of the sandbox).
            var (r, _) = NewPayment();
            if (sandbox.Webhook(r, "conformance_ref", Amount, now) is { } genuine)
            {
                foreach (var odd in new[] { "", "-1", "t=,v1=", "t=99999999999999999999,v1=zz", "sha512=", "=,=,=", new string('9', 10_000) })
                {
                    checkedSomething = true;
                    var headers = genuine.Headers.ToDictionary(h => h.Key, _ => odd, StringComparer.OrdinalIgnoreCase);
                    var answer = Verify(provider, genuine with { Headers = headers }, now);
                    Require(answer.Status != WebhookVerificationStatus.Valid, $"A delivery whose signature headers all read '{(odd.Length > 20 ? odd[..20] + "…" : odd)}' was accepted.");
                }
            }
        }

        using (var garbage = sandbox.MalformedReplies())
        {
            if (garbage is not null)
            {
                checkedSomething = true;
                var (reference, key) = NewPayment();
                var authorized = await CallAsync("AuthorizeAsync (backend answers garbage)", () => provider.AuthorizeAsync(Authorize(reference, key, sandbox.ApprovingDetails, capture: true), cancellationToken));
                Require(authorized.Status is not (AuthorizeStatus.Captured or AuthorizeStatus.Authorized), $"A garbage reply from the backend was taken for success: {Describe(authorized)}.");
                var providerReference = authorized.ProviderReference ?? "unknown";
                NotDone("CaptureAsync on a garbage reply", await CallAsync("CaptureAsync (garbage)", () => provider.CaptureAsync(new CaptureRequest(reference, providerReference, Amount, key + ":c"), cancellationToken)));
                NotDone("VoidAsync on a garbage reply", await CallAsync("VoidAsync (garbage)", () => provider.VoidAsync(new VoidRequest(reference, providerReference, key + ":v"), cancellationToken)));
                NotDone("RefundAsync on a garbage reply", await CallAsync("RefundAsync (garbage)", () => provider.RefundAsync(new RefundRequest(reference, providerReference, Amount, key + ":r", "conformance", Amount), cancellationToken)));
            }
        }

        if (!checkedSomething)
        {
            throw new ConformanceNotApplicableException("The provider has no webhooks and the sandbox no backend to answer garbage.");
        }
    }

    private static (string Reference, string Key) NewPayment()
    {
        var id = Guid.NewGuid().ToString();
        return (id, id);
    }

    private static AuthorizeRequest Authorize(string reference, string key, IReadOnlyDictionary<string, string?> details, bool capture) =>
        new(reference, Amount, details, capture, key, ShopUrl);

    private static WebhookVerification Verify(IPaymentProvider provider, WebhookDelivery delivery, DateTimeOffset now)
    {
        try
        {
            return provider.VerifyWebhook(new WebhookRequest(delivery.Body, new Dictionary<string, string>(delivery.Headers, StringComparer.OrdinalIgnoreCase), now))
                ?? throw new ConformanceException("VerifyWebhook returned null.");
        }
        catch (Exception e) when (e is not ConformanceException)
        {
            throw new ConformanceException($"VerifyWebhook threw {e.GetType().Name}: {e.Message}. A bad delivery must be a refused verification.");
        }
    }

    private static void Refused(IPaymentProvider provider, string what, WebhookDelivery delivery, DateTimeOffset now, WebhookVerificationStatus expected)
    {
        var answer = Verify(provider, delivery, now);
        Require(answer.Status == expected, $"VerifyWebhook answered {answer.Status} for {what}; expected {expected}.");
    }

    private static async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call() ?? throw new ConformanceException($"{what} returned null.");
        }
        catch (Exception e) when (e is not ConformanceException)
        {
            throw new ConformanceException($"{what} threw {e.GetType().Name}: {e.Message}. Outcomes are results; an exception means \"unknown\" to the shop.");
        }
    }

    private static T Read<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e)
        {
            throw new ConformanceException($"Reading {what} threw {e.GetType().Name}: {e.Message}.");
        }
    }

    private static void RefusedOrUnsupported(string what, PaymentOperationResult result) =>
        Require(result.Status is PaymentOperationStatus.Unsupported or PaymentOperationStatus.Failed, $"{what} answered {result.Status}; expected Unsupported (or Failed).");

    private static void NotDone(string what, PaymentOperationResult result) =>
        Require(result.Status is PaymentOperationStatus.Failed or PaymentOperationStatus.Unsupported, $"{what} answered {result.Status} ({result.FailureCode}); it must be refused.");

    private static void Done(string what, PaymentOperationResult result) =>
        Require(result.Status is PaymentOperationStatus.Succeeded or PaymentOperationStatus.Pending, $"{what} answered {result.Status} ({result.FailureCode}: {result.Message}); it must succeed.");

    private static void Same(string what, PaymentOperationResult first, PaymentOperationResult second) =>
        Require(first.Status == second.Status && first.ProviderReference == second.ProviderReference,
            $"{what} with the same idempotency key answered {first.Status} ({first.ProviderReference}) then {second.Status} ({second.ProviderReference}).");

    private static string Describe(AuthorizeResult r) => $"{r.Status} (reference {r.ProviderReference ?? "none"}, code {r.DeclineCode ?? r.InvalidField ?? "none"})";

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ConformanceException(message);
        }
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex DeclineCodePattern();
}
