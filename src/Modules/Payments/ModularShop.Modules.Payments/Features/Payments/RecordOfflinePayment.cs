using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Domain;
using ModularShop.Modules.Payments.Persistence;
using ModularShop.Modules.Payments.Providers;
using ModularShop.Modules.Payments.PublicApi;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Features.Payments;

/// <summary>
/// An admin records that an offline payment's money arrived (a bank transfer on the statement): the payment becomes
/// <c>Captured</c> through the provider's capture (so a plugin can check or record it on its side), and its
/// <c>PaymentUpdated</c> event makes the order <c>Paid</c>. Under the payment's row lock; repeating it is harmless.
/// </summary>
public static class RecordOfflinePayment
{
    public const int MaxBankReferenceLength = 190;

    /// <param name="Amount">The amount received: must be the payment's amount (a different one is 409: settle it with the shopper).</param>
    /// <param name="BankReference">Optional: where the money was seen (statement line, transaction id), kept in the payment's log.</param>
    public sealed record Command(decimal Amount, string? BankReference) : IRequest<Result<Response>>
    {
        [JsonIgnore]
        public Guid PaymentId { get; init; }
    }

    /// <param name="Status"><c>Captured</c>.</param>
    public sealed record Response(Guid Id, Guid OrderId, string Provider, string Status, decimal Captured, string Currency, long Version);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Amount).GreaterThan(0).Money();
            RuleFor(c => c.BankReference).MaximumLength(MaxBankReferenceLength);
        }
    }

    internal sealed class Handler(PaymentsDbContext db, PaymentProviders providers, IOrdersApi orders, TimeProvider clock) : IRequestHandler<Command, Result<Response>>
    {
        public async Task<Result<Response>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            var payment = await db.LockAsync(command.PaymentId, cancellationToken);
            if (payment is null)
            {
                return PaymentErrors.NotFound;
            }

            var provider = providers.Find(payment.Provider);
            if (provider is null || provider.Kind != PaymentProviderKind.Offline)
            {
                return Error.Conflict("payments.not_offline", $"Payment {payment.Id} is not an offline payment: its provider reports the money itself.");
            }

            if (payment.Status == PaymentStatus.Captured && payment.Captured == command.Amount)
            {
                return ToResponse(payment); // recorded before: a repeated call changes nothing
            }

            if (payment.Status != PaymentStatus.Pending || !payment.ProviderAnswered)
            {
                return Error.Conflict(
                    "payments.not_awaiting_money",
                    $"Payment {payment.Id} is {payment.Status}, not waiting for money: if it arrived anyway, give it back to the shopper.");
            }

            // The order may have been cancelled (payment timeout, the shopper) while its payment's void is still on its
            // way: money recorded now would be taken for an order that no longer exists.
            if (await orders.GetAsync(payment.OrderId, cancellationToken) is not { Status: "AwaitingPayment" })
            {
                return Error.Conflict(
                    "payments.not_awaiting_money",
                    $"The order of payment {payment.Id} no longer waits for its money: give the money back to the shopper.");
            }

            if (command.Amount != payment.Amount)
            {
                return Error.Conflict(
                    "payments.amount_mismatch",
                    $"Payment {payment.Id} expects {payment.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {payment.Currency}; settle a different amount with the shopper.");
            }

            var captured = await provider.CaptureAsync(
                new CaptureRequest(payment.Id.ToString(), payment.ProviderReference ?? string.Empty, new PaymentAmount(payment.Amount, payment.Currency), $"{payment.Id}:received"),
                cancellationToken);
            if (captured.Status is not PaymentOperationStatus.Succeeded)
            {
                return PaymentErrors.ProviderRefused("capture", captured.FailureCode, captured.Message);
            }

            var now = clock.GetUtcNow();
            payment.Capture("offline.received", command.BankReference is { Length: > 0 } reference ? $"bank:{reference}" : null, now);
            db.Publish(payment.ToIntegrationEvent(now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            return ToResponse(payment);
        }

        private static Response ToResponse(Payment p) =>
            new(p.Id, p.OrderId, p.Provider, p.Status.ToString(), p.Captured, p.Currency, p.Version);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/admin/payments/{id:guid}/received", async (Guid id, Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command with { PaymentId = id }, ct)).ToOk(p => p.Version))
                .RequireAdmin()
                .WithName("Payments.RecordOfflinePayment")
                .WithTags(PaymentsModule.ModuleName)
                .WithSummary("Record an offline payment's money as received (admin)")
                .WithDescription(
                    "For an offline payment (bank transfer, invoice) that waits for its money (`Pending`): the admin saw the " +
                    "money arrive. `amount` must be the payment's amount (409 `payments.amount_mismatch` otherwise); " +
                    "`bankReference` (optional, at most 190 characters) is kept in the payment's log. The payment becomes " +
                    "`Captured` and its order `Paid` (asynchronously, within a moment). Repeating the call for a captured " +
                    "payment answers 200 and changes nothing. A payment that is not offline is 409 `payments.not_offline`; " +
                    "one that no longer waits (the order was cancelled by the payment timeout) is 409 " +
                    "`payments.not_awaiting_money` — give that money back outside the shop.")
                .Produces<Response>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
