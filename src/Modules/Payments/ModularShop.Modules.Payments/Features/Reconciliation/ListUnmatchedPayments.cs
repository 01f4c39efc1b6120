using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Payments.Persistence;

namespace ModularShop.Modules.Payments.Features.Reconciliation;

/// <summary>Admin: payments reconciliation found captured without an order — money taken, nothing sold.</summary>
public static class ListUnmatchedPayments
{
    public sealed record Query : IRequest<IReadOnlyList<Response>>;

    /// <param name="Captured">What was taken (minus nothing: refunds are in <paramref name="Refunded"/>).</param>
    /// <param name="UnmatchedSince">When reconciliation first found no order.</param>
    public sealed record Response(Guid PaymentId, Guid OrderId, Guid UserId, string Provider, string Status, decimal Captured, decimal Refunded, string Currency, DateTimeOffset UnmatchedSince);

    internal sealed class Handler(PaymentsDbContext db) : IRequestHandler<Query, IReadOnlyList<Response>>
    {
        public async Task<IReadOnlyList<Response>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Payments.AsNoTracking()
                .Where(p => p.UnmatchedSince != null)
                .OrderBy(p => p.UnmatchedSince)
                .Take(500)
                .Select(p => new Response(p.Id, p.OrderId, p.UserId, p.Provider, p.Status.ToString(), p.Captured, p.Refunded, p.Currency, p.UnmatchedSince!.Value))
                .ToListAsync(cancellationToken);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/admin/payments/unmatched", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
                .RequireAdmin()
                .WithName("Payments.ListUnmatchedPayments")
                .WithTags(PaymentsModule.ModuleName)
                .WithSummary("List captured payments without an order (admin)")
                .WithDescription(
                    "Payments the reconciliation job (every `Payments:Reconciliation:Interval`) found captured although their order " +
                    "does not exist `Payments:Reconciliation:UnmatchedAfter` later: money was taken and nothing sold. Refund each " +
                    "(outside the order flow) or settle it with the shopper; a refunded payment stays listed with its `refunded` " +
                    "amount. Oldest first, at most 500.")
                .Produces<IReadOnlyList<Response>>();
    }
}
