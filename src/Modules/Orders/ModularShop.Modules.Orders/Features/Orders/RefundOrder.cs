using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Orders.Persistence;
using ModularShop.Modules.Payments.Contracts;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>
/// Gives money back (all that is left, or <c>amount</c>) of a <c>Paid</c>, <c>Shipped</c> or <c>Delivered</c> order through
/// Payments. A partial refund keeps the status (history entry with reason and amount); the one that gives back the rest
/// makes the order <c>Refunded</c>. Payments commits the refund outside this transaction, so the refund id is derived from
/// the order and the <c>Idempotency-Key</c>: a retry after a crash asks Payments for the same refund and never refunds twice.
/// </summary>
public static class RefundOrder
{
    public const int MaxReasonLength = 500;

    public sealed record Command(decimal? Amount, string Reason) : IRequest<Result<OrderDetails>>
    {
        [JsonIgnore]
        public Guid Id { get; init; }

        [JsonIgnore]
        public string? IdempotencyKey { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(MaxReasonLength);
            RuleFor(c => c.Amount).GreaterThan(0).Money();
        }
    }

    internal sealed class Handler(OrdersDbContext db, IPaymentsApi payments, OrderStore store) : IRequestHandler<Command, Result<OrderDetails>>
    {
        public async Task<Result<OrderDetails>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            await db.LockAsync(command.Id, cancellationToken);
            var order = await db.LoadAsync(command.Id, cancellationToken);
            if (order is null)
            {
                return OrderErrors.NotFound;
            }

            var amount = order.CheckRefund(command.Amount is { } a ? Money.Of(a, order.Currency) : null);
            if (!amount.IsSuccess)
            {
                return amount.Error;
            }

            var refundId = command.IdempotencyKey is { } key ? RefundId(order.Id, key) : Guid.NewGuid();
            var refunded = await payments.RefundAsync(order.PaymentId, refundId, amount.Value, command.Reason, cancellationToken);
            if (!refunded.IsSuccess)
            {
                var error = refunded.Error;
                return error.Code == "payments.refund_exceeds_captured"
                    ? Error.Conflict(Domain.Order.RefundExceedsCapturedCode, error.Message)
                    : error.Kind == ErrorKind.Conflict ? error : Error.Conflict(error.Code, error.Message);
            }

            var now = store.Now;
            var full = order.Refund(amount.Value, command.Reason, now);
            if (!full.IsSuccess)
            {
                return full.Error;
            }

            order.ApplyPayment(OrderPayments.Copy(refunded.Value), now);
            db.Publish(OrderEvents.Refunded(order, amount.Value.Amount, full.Value, command.Reason, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            return OrderResponse.From(order);
        }

        /// <summary>The refund of (order, key): the same key always means the same refund.</summary>
        internal static Guid RefundId(Guid orderId, string key) => DerivedId.From($"refund:{orderId:N}:{key}");
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost($"{OrderReads.AdminOrdersPath}/{{id:guid}}/refund", async (Guid id, Command command, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command with { Id = id, IdempotencyKey = request.Headers[Idempotency.KeyHeader].FirstOrDefault() }, ct)).ToOk(o => o.Version))
                .RequireAdmin()
                .WithIdempotency<OrdersDbContext>()
                .WithName("Orders.RefundOrder")
                .WithTags(OrdersModule.ModuleName)
                .WithSummary("Refund an order (admin)")
                .WithDescription(
                    "Gives back `amount` (> 0, at most 2 decimals; omitted: all that is left) of a `Paid`, `Shipped` or " +
                    "`Delivered` order through its payment provider; `reason` (required, at most 500 characters) is kept in " +
                    "the history. Partial refunds keep the status and add up; the refund of the rest makes the order " +
                    "`Refunded`. More than captured and not yet refunded is 409 `orders.refund_exceeds_captured`; another " +
                    "status 409 `orders.invalid_transition`; a provider that cannot refund partially 409 " +
                    "`payments.partial_refund_unsupported`. Send an `Idempotency-Key`: a retry never refunds twice.")
                .Produces<OrderDetails>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
