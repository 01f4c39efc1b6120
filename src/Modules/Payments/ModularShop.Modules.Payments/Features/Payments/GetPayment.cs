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

public static class GetPayment
{
    public sealed record Query(Guid PaymentId) : IRequest<Result<Response>>;

    /// <param name="Status"><c>Pending</c>, <c>RequiresAction</c>, <c>Authorized</c>, <c>Captured</c>, <c>PartiallyRefunded</c>, <c>Refunded</c>, <c>Failed</c> or <c>Voided</c>.</param>
    /// <param name="Method">How the method is shown (<c>Visa •••• 4242</c>): brand and last four digits, never more.</param>
    /// <param name="NextAction">Set while the payment waits for the shopper (<c>RequiresAction</c>).</param>
    public sealed record Response(
        Guid Id,
        Guid OrderId,
        string Provider,
        string Status,
        decimal Amount,
        decimal Captured,
        decimal Refunded,
        string Currency,
        string? Method,
        NextActionResponse? NextAction,
        string? FailureCode,
        long Version,
        IReadOnlyList<EventResponse> Events);

    /// <param name="Type"><c>redirect</c>: send the shopper to <paramref name="Url"/>.</param>
    public sealed record NextActionResponse(string Type, string Url);

    /// <param name="Type">What happened: <c>charge.requested</c>, <c>charge.captured</c>, <c>charge.declined</c>, <c>action.required</c>, <c>webhook.&lt;provider event type&gt;</c>, <c>void</c>, <c>refund</c>.</param>
    /// <param name="Status">The payment's status after it.</param>
    public sealed record EventResponse(string Type, string Status, decimal? Amount, DateTimeOffset At);

    internal sealed class Handler(PaymentsDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, Result<Response>>
    {
        public async Task<Result<Response>> Handle(Query query, CancellationToken cancellationToken)
        {
            var payment = await db.Payments.AsNoTracking().Include(p => p.Events)
                .SingleOrDefaultAsync(p => p.Id == query.PaymentId && p.UserId == currentUser.UserId, cancellationToken);
            if (payment is null)
            {
                return PaymentErrors.NotFound;
            }

            return new Response(
                payment.Id,
                payment.OrderId,
                payment.Provider,
                payment.Status.ToString(),
                payment.Amount,
                payment.Captured,
                payment.Refunded,
                payment.Currency,
                payment.MethodDisplay,
                payment is { NextActionType: { } type, NextActionUrl: { } url } ? new NextActionResponse(type, url) : null,
                payment.FailureCode,
                payment.Version,
                payment.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
                    .Select(e => new EventResponse(e.Type, e.Status.ToString(), e.Amount, e.At)).ToList());
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet($"{PaymentRoutes.Payments}/{{id:guid}}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Query(id), ct)).ToOk(p => p.Version))
                .RequireUser()
                .WithName("Payments.GetPayment")
                .WithTags(PaymentsModule.ModuleName)
                .WithSummary("Get a payment")
                .WithDescription(
                    "The caller's own payment: status, amounts (charged, captured, refunded), the method's display (brand and " +
                    "last four digits only), `nextAction` while it waits for the shopper, and its event log. 404 for an unknown " +
                    "payment and for another user's.")
                .Produces<Response>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
