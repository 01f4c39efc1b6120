using System.Text;
using System.Text.Json;
using Carter;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Payments.Domain;
using ModularShop.Modules.Payments.Features.Webhooks;

namespace ModularShop.Modules.Payments.Features.Simulator;

/// <summary>
/// <c>POST /api/payments/{provider}/authenticate/{paymentId}</c>: the tester's choice on the simulated bank page, as JSON
/// (<c>{"outcome":"approve"|"fail"}</c>, API.md) or as the page's own form post. The provider's simulator makes the signed
/// webhook, which is delivered in-process through the webhook endpoint's code path.
/// </summary>
public static class CompleteBankAction
{
    public const string Approve = "approve";
    public const string Fail = "fail";

    /// <param name="Outcome"><c>approve</c> or <c>fail</c>.</param>
    public sealed record Command(string Outcome);

    /// <summary>The body's rules (also its OpenAPI schema); the endpoint checks the same with <see cref="IsOutcome"/>, for JSON and form bodies alike.</summary>
    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Outcome).NotEmpty().Matches("^(approve|fail)$").WithMessage(OutcomeMessage);
    }

    /// <param name="Status">The payment's status after the bank's answer: <c>Captured</c> or <c>Failed</c>.</param>
    public sealed record Response(Guid PaymentId, string Status);

    private const string OutcomeMessage = "Must be \"approve\" or \"fail\".";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost(ShowBankPage.Route, async (string provider, Guid paymentId, HttpRequest request, BankSimulator bank, CancellationToken ct) =>
                {
                    if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
                    {
                        return TypedResults.Problem(Problems.Create(
                            StatusCodes.Status415UnsupportedMediaType,
                            Problems.DefaultCodeOf(StatusCodes.Status415UnsupportedMediaType),
                            "Send {\"outcome\":\"approve\"|\"fail\"} as application/json, or the page's form (application/x-www-form-urlencoded)."));
                    }

                    var isForm = mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
                    var body = await RawBody.ReadAsync(request, ct);
                    if (body is null)
                    {
                        return RawBody.TooLarge();
                    }

                    var outcome = isForm ? FromForm(body) : FromJson(body);
                    if (!IsOutcome(outcome))
                    {
                        return Error.Validation("outcome", OutcomeMessage).ToProblem();
                    }

                    var status = await bank.CompleteAsync(provider, paymentId, outcome == Approve, ct);
                    if (status is null)
                    {
                        return PaymentErrors.NotWaiting.ToProblem();
                    }

                    // A shop page that sent the shopper here (?returnUrl=/path, this site only) gets them back at once.
                    if (isForm && LocalPaths.OrNull(request.Query["returnUrl"].ToString()) is { } back)
                    {
                        return Results.Redirect(back, permanent: false, preserveMethod: false);
                    }

                    return isForm
                        ? BankPageHtml.Page(
                            "Payment " + (outcome == Approve ? "approved" : "failed"),
                            $"""
                             <h1>Payment {(outcome == Approve ? "approved" : "failed")}</h1>
                             <p class="test" role="note">Test mode: no real money moved.</p>
                             <p role="status">The payment is now <strong>{BankPageHtml.Encode(status.Value.ToString())}</strong>. You can close this page and return to the shop.</p>
                             """)
                        : TypedResults.Ok(new Response(paymentId, status.Value.ToString()));
                })
                .Accepts<Command>("application/json", "application/x-www-form-urlencoded")
                .AllowAnonymous()
                .WithName("Payments.CompleteBankAction")
                .WithTags(PaymentsModule.ModuleName)
                .WithSummary("Answer the simulated bank page")
                .WithDescription(
                    "The tester's answer on the simulated bank page of a test-mode provider: `{\"outcome\":\"approve\"}` or " +
                    "`{\"outcome\":\"fail\"}` as JSON (answered with JSON), or the page's own form post (answered with a small " +
                    "HTML page). The provider's simulator makes the signed webhook its real counterpart would send, and the shop " +
                    "delivers it to itself through the webhook endpoint's code path, signature check included: approve → " +
                    "`Captured`, fail → `Failed` (`authentication_failed`). 404 when the payment is not waiting for action (any more). " +
                    "A form post to a page opened with `?returnUrl=/path` (a path of this site) is answered with a redirect there " +
                    "(the storefront's way back from the bank page).")
                .Produces<Response>()
                .Produces(StatusCodes.Status302Found)
                .Produces<string>(StatusCodes.Status200OK, "text/html")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static bool IsOutcome(string? outcome) => outcome is Approve or Fail;

    private static string? FromForm(byte[] body)
    {
        var fields = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        return fields.TryGetValue("outcome", out var values) && values.Count == 1 ? values[0] : null;
    }

    private static string? FromJson(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<Command>(body, Json)?.Outcome;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
