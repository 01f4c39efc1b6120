using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Domain;
using ModularShop.Modules.Payments.Persistence;
using ModularShop.Modules.Payments.Providers;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.PublicApi;

/// <summary>
/// <see cref="IPaymentsApi"/>: every call is idempotent by the ids it is given. A charge first commits its payment as
/// <c>Pending</c> (a concurrent or restarted caller with the same id finds it), then calls the provider with the
/// payment id as idempotency key, then applies the outcome under a row lock. Cancels and refunds lock the payment row
/// (<c>FOR UPDATE</c>) for the whole operation, so two of them never refund more than was captured.
/// </summary>
internal sealed partial class PaymentsApi(
    PaymentsDbContext db,
    PaymentProviders providers,
    TimeProvider clock,
    ILogger<PaymentsApi> logger) : IPaymentsApi
{
    private const string Succeeded = "succeeded";
    private const string PendingRefund = "pending";

    public Task<IReadOnlyList<PaymentProviderInfo>> ListProvidersAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PaymentProviderInfo>>(providers.All
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new PaymentProviderInfo(p.Code, p.DisplayName, Features.Providers.ListProviders.KindName(p.Kind), p.TestMode))
            .ToList());

    public async Task<Result<PaymentSummary>> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var provider = providers.Find(request.Provider);
        if (provider is null)
        {
            return PaymentErrors.UnknownProvider(request.Provider);
        }

        if (request.Amount.Amount <= 0 || !request.Amount.IsStorable)
        {
            return Error.Validation("payment.amount", "The amount to charge must be positive and at most 9999999999.99.");
        }

        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        if (payment is null)
        {
            payment = Payment.Start(request.PaymentId, request.OrderId, request.UserId, provider.Code, request.Amount, clock.GetUtcNow());
            db.Payments.Add(payment);
            try
            {
                // Committed before the provider is called: a caller that crashes mid-call leaves a Pending payment that a
                // retry finds and completes with the same idempotency key.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // A concurrent charge with this id inserted it first.
                db.ChangeTracker.Clear();
                payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == request.PaymentId, cancellationToken);
            }

            db.ChangeTracker.Clear();
        }

        if (!payment.Matches(request.OrderId, request.UserId, provider.Code, request.Amount))
        {
            return PaymentErrors.Mismatch;
        }

        if (payment.Status != PaymentStatus.Pending || payment.ProviderAnswered)
        {
            return payment.ToSummary();
        }

        var key = request.PaymentId.ToString();
        var result = await provider.AuthorizeAsync(
            new AuthorizeRequest(key, new PaymentAmount(request.Amount.Amount, request.Amount.Currency), request.Details, Capture: true, key, request.ActionBaseUrl),
            cancellationToken);
        return await ApplyChargeAsync(request.PaymentId, result, request.ActionBaseUrl, cancellationToken);
    }

    public async Task<Result<PaymentSummary>> CancelAsync(Guid paymentId, string reason, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await db.LockAsync(paymentId, cancellationToken);
        if (payment is null)
        {
            return PaymentErrors.NotFound;
        }

        var provider = providers.Find(payment.Provider);
        switch (payment.Status)
        {
            case PaymentStatus.Pending or PaymentStatus.RequiresAction or PaymentStatus.Authorized:
                if (provider is not null && payment.ProviderAnswered && provider.Capabilities.HasFlag(PaymentCapabilities.Void))
                {
                    var voided = await provider.VoidAsync(
                        new VoidRequest(payment.Id.ToString(), payment.ProviderReference!, $"{payment.Id}:void"), cancellationToken);
                    if (voided.Status is PaymentOperationStatus.Failed or PaymentOperationStatus.Unsupported)
                    {
                        return PaymentErrors.ProviderRefused("void", voided.FailureCode, voided.Message);
                    }
                }

                var now = clock.GetUtcNow();
                payment.Void(now);
                db.Publish(payment.ToIntegrationEvent(now));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(CancellationToken.None);
                LogVoided(payment.Id, reason);
                return payment.ToSummary();

            case PaymentStatus.Captured or PaymentStatus.PartiallyRefunded:
                return await RefundLockedAsync(payment, provider, CancelRefundId(payment.Id), amount: null, reason, transaction, cancellationToken);

            default:
                return payment.ToSummary();
        }
    }

    public async Task<Result<PaymentSummary>> RefundAsync(Guid paymentId, Guid refundId, Money? amount, string reason, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await db.LockAsync(paymentId, cancellationToken);
        return payment is null
            ? PaymentErrors.NotFound
            : await RefundLockedAsync(payment, providers.Find(payment.Provider), refundId, amount, reason, transaction, cancellationToken);
    }

    public async Task<PaymentSummary?> GetAsync(Guid paymentId, CancellationToken cancellationToken = default) =>
        (await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken))?.ToSummary();

    /// <summary>Where an offline payment's instructions are shown (<c>GET /api/payments/{id}/instructions</c>).</summary>
    internal static string InstructionsUrl(Uri? baseUrl, Guid paymentId) =>
        new Uri(baseUrl ?? new Uri("http://localhost"), $"/api/payments/{paymentId}/instructions").ToString();

    /// <summary>The refund id of a cancel: derived from the payment id, so a repeated cancel refunds nothing twice.</summary>
    internal static Guid CancelRefundId(Guid paymentId) => DerivedId.From($"cancel-refund:{paymentId:N}");

    private async Task<Result<PaymentSummary>> ApplyChargeAsync(Guid paymentId, AuthorizeResult result, Uri? actionBaseUrl, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await db.LockAsync(paymentId, cancellationToken);
        var unanswered = payment is { Status: PaymentStatus.Pending, ProviderAnswered: false };
        if (result.Status == AuthorizeStatus.Invalid)
        {
            if (payment is not null && unanswered)
            {
                // Nothing went to the bank: no payment is recorded, and a corrected retry with the same id starts afresh.
                db.Payments.Remove(payment);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(CancellationToken.None);
            }

            return Error.Validation($"payment.details.{result.InvalidField ?? "card"}", result.Message ?? "The payment details are not valid.");
        }

        if (payment is null)
        {
            return PaymentErrors.NotFound;
        }

        if (!unanswered)
        {
            // A concurrent caller applied the outcome first.
            return payment.ToSummary();
        }

        var now = clock.GetUtcNow();
        payment.Answered(result.ProviderReference, result.Method?.Display);
        var moved = result.Status switch
        {
            AuthorizeStatus.Captured => payment.Capture("charge.captured", null, now),
            AuthorizeStatus.Authorized => payment.Authorize("charge.authorized", now),
            AuthorizeStatus.RequiresAction when result.NextAction is { } action => payment.RequireAction(action.Type, action.Url.OriginalString, now),
            AuthorizeStatus.Declined => payment.Fail("charge.declined", result.DeclineCode ?? "declined", result.Message, null, now),
            _ => false,
        };
        if (!moved && result is { Status: AuthorizeStatus.Pending, Instructions: { Length: > 0 } instructions })
        {
            payment.AwaitOffline(instructions, InstructionsUrl(actionBaseUrl, payment.Id), now);
        }
        else if (!moved)
        {
            payment.StillPending(now);
        }

        db.Publish(payment.ToIntegrationEvent(now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        LogCharged(payment.Id, payment.Provider, payment.Status);
        return payment.ToSummary();
    }

    private async Task<Result<PaymentSummary>> RefundLockedAsync(
        Payment payment,
        IPaymentProvider? provider,
        Guid refundId,
        Money? amount,
        string reason,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (await db.Refunds.AsNoTracking().AnyAsync(r => r.Id == refundId, cancellationToken))
        {
            return payment.ToSummary(); // this refund was made before
        }

        if (payment.Captured == 0)
        {
            return PaymentErrors.NotCaptured;
        }

        if (amount is not null && (amount.Currency != payment.Currency || amount.Amount <= 0))
        {
            return Error.Validation("amount", $"A refund is a positive amount in {payment.Currency}.");
        }

        var value = amount?.Amount ?? payment.Refundable;
        if (value <= 0 || value > payment.Refundable)
        {
            return PaymentErrors.RefundExceedsCaptured(payment.Refundable, payment.Currency);
        }

        if (provider is null || !provider.Capabilities.HasFlag(PaymentCapabilities.Refund))
        {
            return PaymentErrors.ProviderRefused("refund", "unsupported", "the provider cannot refund");
        }

        if (value < payment.Captured && !provider.Capabilities.HasFlag(PaymentCapabilities.PartialRefund))
        {
            return PaymentErrors.PartialRefundUnsupported;
        }

        var outcome = await provider.RefundAsync(
            new RefundRequest(payment.Id.ToString(), payment.ProviderReference ?? string.Empty, new PaymentAmount(value, payment.Currency), refundId.ToString(), reason,
                new PaymentAmount(payment.Refundable, payment.Currency)),
            cancellationToken);
        if (outcome.Status is PaymentOperationStatus.Failed or PaymentOperationStatus.Unsupported)
        {
            return PaymentErrors.ProviderRefused("refund", outcome.FailureCode, outcome.Message);
        }

        var now = clock.GetUtcNow();
        db.Refunds.Add(Refund.Create(refundId, payment.Id, value, reason, outcome.Status == PaymentOperationStatus.Pending ? PendingRefund : Succeeded, outcome.ProviderReference, now));
        payment.Refund(value, now);
        db.Publish(payment.ToIntegrationEvent(now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        LogRefunded(payment.Id, value, payment.Currency);
        return payment.ToSummary();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} with {Provider}: {Status}")]
    private partial void LogCharged(Guid paymentId, string provider, PaymentStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} voided ({Reason})")]
    private partial void LogVoided(Guid paymentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId}: {Amount} {Currency} refunded")]
    private partial void LogRefunded(Guid paymentId, decimal amount, string currency);
}
