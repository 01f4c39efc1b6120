using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;

namespace ModularShop.Modules.Payments.Features.Webhooks;

/// <summary>
/// <c>POST /api/payments/webhooks/{provider}</c>: a provider's callback. The signature is the authentication; the body is
/// read raw (no JSON binding touches it, whatever its content type) and handed to <see cref="WebhookProcessor"/>.
/// </summary>
public static class ReceiveWebhook
{
    /// <param name="Received">Always true: the delivery was accepted.</param>
    /// <param name="Duplicate">True when this event id was processed before (nothing happened this time).</param>
    public sealed record Response(bool Received, bool Duplicate);

    internal static IResult Answer(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Processed => TypedResults.Ok(new Response(true, false)),
        WebhookOutcome.Duplicate => TypedResults.Ok(new Response(true, true)),
        WebhookOutcome.UnknownProvider => Error.NotFound("payments.provider_not_found", "No enabled payment provider with this code receives webhooks.").ToProblem(),
        WebhookOutcome.Stale => Problem(StatusCodes.Status400BadRequest, "payments.webhook_stale",
            "The signature's timestamp is outside the accepted tolerance (a replay, or a clock far off)."),
        WebhookOutcome.Malformed => Problem(StatusCodes.Status400BadRequest, "payments.webhook_malformed",
            "The signature is good, but the body is not an event this provider sends."),
        _ => Error.Unauthorized("payments.webhook_signature_invalid", "The webhook signature is missing or matches no configured secret.").ToProblem(),
    };

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string code, string detail) => TypedResults.Problem(Problems.Create(status, code, detail));

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost($"{PaymentRoutes.Payments}/webhooks/{{provider}}", async (string provider, HttpRequest request, WebhookProcessor processor, CancellationToken ct) =>
                {
                    var body = await RawBody.ReadAsync(request, ct);
                    return body is null
                        ? RawBody.TooLarge()
                        : Answer(await processor.ProcessAsync(provider, body, RawBody.Headers(request), ct));
                })
                .AllowAnonymous()
                .WithName("Payments.ReceiveWebhook")
                .WithTags(PaymentsModule.ModuleName)
                .WithSummary("Receive a provider's webhook")
                .WithDescription(
                    "A payment provider reports an outcome (the shopper's 3-D Secure answer, a late failure, a refund). The " +
                    "provider's signature header authenticates the call; for `test-card`: `Test-Card-Signature: t=<unix seconds>,v1=<hex>` " +
                    "with `v1 = HMAC-SHA256(secret, \"<t>.<raw body>\")` (several `v1` during secret rotation; docs/payments.md). The body " +
                    "is read exactly as sent, in any content type, at most 64 KB: `{id, type, data:{paymentReference, amount, currency, ...}}`. " +
                    "Each event id is processed once: a replay answers `duplicate: true` and changes nothing. An event about a payment " +
                    "the shop does not know is acknowledged and ignored. 401 `payments.webhook_signature_invalid`; 400 " +
                    "`payments.webhook_stale` (timestamp more than the tolerance, 300 s, away) or `payments.webhook_malformed`; 404 for " +
                    "a provider that does not exist or takes no webhooks; 413 for a body over 64 KB.")
                .Produces<Response>()
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }
}
