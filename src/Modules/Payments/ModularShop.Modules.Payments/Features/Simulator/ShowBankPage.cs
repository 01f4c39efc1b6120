using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Payments.Domain;

namespace ModularShop.Modules.Payments.Features.Simulator;

/// <summary><c>GET /api/payments/{provider}/authenticate/{paymentId}</c>: the simulated bank page (3-D Secure) of a test-mode provider.</summary>
public static class ShowBankPage
{
    internal const string Route = $"{PaymentRoutes.Payments}/{{provider}}/authenticate/{{paymentId:guid}}";

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet(Route, async (string provider, Guid paymentId, BankSimulator bank, CancellationToken ct) =>
                {
                    var payment = await bank.FindWaitingAsync(provider, paymentId, ct);
                    if (payment is null)
                    {
                        return PaymentErrors.NotWaiting.ToProblem();
                    }

                    var method = payment.MethodDisplay is { } display ? $" with <strong>{BankPageHtml.Encode(display)}</strong>" : string.Empty;
                    return BankPageHtml.Page(
                        "Confirm your payment",
                        $"""
                         <h1>Confirm your payment</h1>
                         <p class="test" role="note">Test mode: this page stands in for your bank. No real money moves.</p>
                         <p>Your bank asks you to confirm a payment{method}.</p>
                         <p class="amount">{BankPageHtml.Encode(BankPageHtml.Amount(payment.Amount, payment.Currency))}</p>
                         <form method="post">
                         <button type="submit" name="outcome" value="approve">Approve</button>
                         <button type="submit" name="outcome" value="fail">Fail</button>
                         </form>
                         """);
                })
                .AllowAnonymous()
                .WithName("Payments.ShowBankPage")
                .WithTags(PaymentsModule.ModuleName)
                .WithSummary("Show the simulated bank page")
                .WithDescription(
                    "For test-mode providers that simulate the shopper's bank (`test-card`): the page a payment's " +
                    "`nextAction.url` points at, an HTML page with the amount and two buttons, Approve and Fail. The " +
                    "unguessable payment id in the URL is the capability, as with a real 3-D Secure page. 404 when the " +
                    "payment does not exist, is not this provider's, or is not waiting for action.")
                .Produces<string>(StatusCodes.Status200OK, "text/html")
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
