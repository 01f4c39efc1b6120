using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Payments.Domain;
using ModularShop.Modules.Payments.Persistence;

namespace ModularShop.Modules.Payments.Features.Payments;

/// <summary>
/// An offline payment's instructions: where <c>payment.nextAction.url</c> of type <c>instructions</c> points. Anonymous
/// like the bank page (the shopper may open it from an e-mail); the payment id is the unguessable part, and the page
/// holds only what the shopper must know to pay: amount, currency, bank details and the reference to quote.
/// </summary>
public static class GetPaymentInstructions
{
    public sealed record Query(Guid PaymentId) : IRequest<Result<Response>>;

    /// <param name="Status"><c>Pending</c> while the money is awaited; <c>Captured</c> once it arrived; <c>Voided</c> when the order was cancelled (do not pay).</param>
    /// <param name="Instructions">What to do, in the provider's words (bank details, the reference to quote).</param>
    public sealed record Response(Guid PaymentId, string Provider, string Status, decimal Amount, string Currency, string Instructions);

    internal sealed class Handler(PaymentsDbContext db) : IRequestHandler<Query, Result<Response>>
    {
        public async Task<Result<Response>> Handle(Query query, CancellationToken cancellationToken)
        {
            var payment = await db.Payments.AsNoTracking()
                .Where(p => p.Id == query.PaymentId && p.Instructions != null)
                .Select(p => new Response(p.Id, p.Provider, p.Status.ToString(), p.Amount, p.Currency, p.Instructions!))
                .SingleOrDefaultAsync(cancellationToken);
            return payment is null ? PaymentErrors.NotFound : payment;
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet($"{PaymentRoutes.Payments}/{{id:guid}}/instructions", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Query(id), ct)).ToOk())
                .AllowAnonymous()
                .WithName("Payments.GetPaymentInstructions")
                .WithTags(PaymentsModule.ModuleName)
                .WithSummary("Get an offline payment's instructions")
                .WithDescription(
                    "What the shopper must do to pay an offline payment (bank transfer, invoice): `payment.nextAction.url` of " +
                    "type `instructions` points here. `status` says whether the money is still awaited (`Pending`), has arrived " +
                    "(`Captured`) or must not be sent any more (`Voided`: the order was cancelled). 404 for a payment without " +
                    "instructions.")
                .Produces<Response>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
