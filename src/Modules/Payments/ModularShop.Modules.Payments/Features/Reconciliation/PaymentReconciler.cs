using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Domain;
using ModularShop.Modules.Payments.Persistence;
using ModularShop.Modules.Payments.Providers;
using ModularShop.Modules.Payments.PublicApi;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Features.Reconciliation;

/// <summary>What one run found and did.</summary>
/// <param name="Asked">Waiting payments looked up at their provider.</param>
/// <param name="Moved">Of those, payments whose status the provider's answer changed (events published).</param>
/// <param name="Unmatched">Captured payments newly flagged for having no order.</param>
public sealed record ReconciliationReport(int Asked, int Moved, int Unmatched);

/// <summary>
/// The reconciliation job's one run (issue 13): (1) payments left in <c>Pending</c>/<c>RequiresAction</c> beyond
/// <see cref="ReconciliationOptions.StuckAfter"/> are looked up at their provider (<see cref="IPaymentStatusQuery"/>)
/// and its answer is applied exactly as a webhook's would be — under the payment's row lock, only from a waiting status,
/// with the <c>PaymentUpdated</c> event that moves the order; (2) captured payments whose order does not exist after
/// <see cref="ReconciliationOptions.UnmatchedAfter"/> are flagged once (warning log, payment event, admin list).
/// Safe on several instances at once: every change is conditional on the locked row's status.
/// </summary>
internal sealed partial class PaymentReconciler(
    PaymentsDbContext db,
    PaymentProviders providers,
    IOrdersApi orders,
    TimeProvider clock,
    IOptions<ReconciliationOptions> options,
    ILogger<PaymentReconciler> logger)
{
    public async Task<ReconciliationReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var (asked, moved) = await ReconcileWaitingAsync(cancellationToken);
        var unmatched = await FlagUnmatchedAsync(cancellationToken);
        return new ReconciliationReport(asked, moved, unmatched);
    }

    private async Task<(int Asked, int Moved)> ReconcileWaitingAsync(CancellationToken cancellationToken)
    {
        // Only payments whose provider can be asked: the others (an offline transfer waiting for days) must not fill the batch.
        var askable = providers.All.Where(p => p is IPaymentStatusQuery).Select(p => p.Code).ToList();
        if (askable.Count == 0)
        {
            return (0, 0);
        }

        var settings = options.Value;
        var now = clock.GetUtcNow();
        var before = now - settings.StuckAfter;
        var waiting = await db.Payments.AsNoTracking()
            .Where(p => (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.RequiresAction)
                        && askable.Contains(p.Provider) && p.UpdatedAt < before && p.ProviderReference != null)
            .OrderBy(p => p.LookedUpAt != null).ThenBy(p => p.LookedUpAt).ThenBy(p => p.UpdatedAt) // never asked first, then the longest ago
            .Take(settings.BatchSize)
            .Select(p => new { p.Id, p.Provider, p.ProviderReference, p.Amount, p.Currency })
            .ToListAsync(cancellationToken);

        // Stamped up front, in one statement: the next run starts with those not asked for longest.
        var ids = waiting.Select(p => p.Id).ToList();
        await db.Payments.Where(x => ids.Contains(x.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.LookedUpAt, now), cancellationToken);

        int asked = 0, moved = 0;
        foreach (var p in waiting)
        {
            var provider = providers.Find(p.Provider)!;
            asked++;
            var amount = new PaymentAmount(p.Amount, p.Currency);
            PaymentStatusResult answer;
            try
            {
                answer = await ((IPaymentStatusQuery)provider).GetStatusAsync(new PaymentStatusRequest(p.Id.ToString(), p.ProviderReference!, amount), cancellationToken);
                if (answer.Status == ProviderPaymentStatus.Authorized && provider.Capabilities.HasFlag(PaymentCapabilities.Capture))
                {
                    // The shop sells at checkout: an authorization that stopped short of its capture is captured now (same
                    // key on every run: never twice), as the webhook path would have had it.
                    var captured = await provider.CaptureAsync(new CaptureRequest(p.Id.ToString(), p.ProviderReference!, amount, $"{p.Id}:reconcile-capture"), cancellationToken);
                    answer = captured.Status == PaymentOperationStatus.Succeeded ? answer with { Status = ProviderPaymentStatus.Captured } : answer with { Status = ProviderPaymentStatus.Unknown };
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLookupFailed(e, p.Id, p.Provider);
                continue;
            }

            if (await ApplyAsync(p.Id, answer, cancellationToken))
            {
                moved++;
            }
        }

        return (asked, moved);
    }

    private async Task<bool> ApplyAsync(Guid paymentId, PaymentStatusResult answer, CancellationToken cancellationToken)
    {
        if (answer.Status is not (ProviderPaymentStatus.Captured or ProviderPaymentStatus.Failed))
        {
            return false; // still waiting (or authorized without a capture): asked again next run
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await db.LockAsync(paymentId, cancellationToken);
        if (payment is not { Status: PaymentStatus.Pending or PaymentStatus.RequiresAction })
        {
            return false; // a webhook (or a cancel) got there first
        }

        var now = clock.GetUtcNow();
        var changed = answer.Status == ProviderPaymentStatus.Captured
            ? payment.Capture("reconciled.captured", null, now)
            : payment.Fail("reconciled.failed", answer.FailureCode ?? "payment_failed", answer.Message, null, now);
        if (!changed)
        {
            return false;
        }

        db.Publish(payment.ToIntegrationEvent(now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        LogReconciled(payment.Id, payment.Provider, payment.Status);
        return true;
    }

    private async Task<int> FlagUnmatchedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var before = now - settings.UnmatchedAfter;

        // Locked (SKIP LOCKED): two instances never judge the same payment at once. Flagged ones are looked at again,
        // after the new ones, so a late order clears its payment's flag.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var captured = await db.Payments.FromSql($"""
            SELECT * FROM payments.payments
            WHERE captured > refunded AND order_seen_at IS NULL AND updated_at < {before}
            ORDER BY unmatched_since IS NOT NULL, updated_at
            LIMIT {settings.BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);

        var flagged = 0;
        foreach (var payment in captured)
        {
            if (await orders.GetAsync(payment.OrderId, cancellationToken) is not null)
            {
                payment.OrderSeen(now);
            }
            else if (payment.FlagUnmatched(now))
            {
                flagged++;
                LogUnmatched(payment.Id, payment.OrderId, payment.Captured, payment.Currency, payment.Provider);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return flagged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation: payment {PaymentId} of {Provider} is {Status} (the provider's answer; its webhook never came)")]
    private partial void LogReconciled(Guid paymentId, string provider, PaymentStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: asking {Provider} about payment {PaymentId} failed; asked again next run")]
    private partial void LogLookupFailed(Exception exception, Guid paymentId, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: payment {PaymentId} captured {Amount} {Currency} with {Provider}, but order {OrderId} does not exist: refund it or place the order (GET /api/admin/payments/unmatched)")]
    private partial void LogUnmatched(Guid paymentId, Guid orderId, decimal amount, string currency, string provider);
}
