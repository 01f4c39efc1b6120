using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Domain;
using ModularShop.Modules.Payments.Persistence;
using ModularShop.Modules.Payments.Providers;
using ModularShop.Modules.Payments.PublicApi;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Features.Webhooks;

/// <summary>What became of a webhook delivery.</summary>
internal enum WebhookOutcome
{
    /// <summary>Verified and applied (or, for an unknown payment, acknowledged and ignored).</summary>
    Processed,

    /// <summary>Its event id was processed before: no effect.</summary>
    Duplicate,

    /// <summary>No enabled provider with this code takes webhooks.</summary>
    UnknownProvider,

    InvalidSignature,

    Stale,

    Malformed,
}

/// <summary>
/// The one path every webhook delivery takes — from outside (<c>POST /api/payments/webhooks/{provider}</c>) and from the
/// simulated bank page alike: the provider verifies the raw body, then the event's id is recorded in
/// <c>webhook_deliveries</c> (unique per provider) in the same transaction as its effect on the payment, so a replay
/// has no second effect, even when two deliveries of one event race.
/// </summary>
internal sealed partial class WebhookProcessor(PaymentsDbContext db, PaymentProviders providers, TimeProvider clock, ILogger<WebhookProcessor> logger)
{
    public async Task<WebhookOutcome> ProcessAsync(
        string providerCode, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var provider = providers.Find(providerCode);
        if (provider is null || !provider.Capabilities.HasFlag(PaymentCapabilities.Webhooks))
        {
            return WebhookOutcome.UnknownProvider;
        }

        var verification = provider.VerifyWebhook(new WebhookRequest(body, headers, clock.GetUtcNow()));
        if (verification.Status != WebhookVerificationStatus.Valid || verification.Event is not { } webhookEvent)
        {
            LogRefused(provider.Code, verification.Status, verification.Reason);
            return verification.Status switch
            {
                WebhookVerificationStatus.Stale => WebhookOutcome.Stale,
                WebhookVerificationStatus.Malformed => WebhookOutcome.Malformed,
                _ => WebhookOutcome.InvalidSignature,
            };
        }

        if (webhookEvent.EventId.Length is 0 or > PaymentLimits.ProviderEventId)
        {
            LogRefused(provider.Code, WebhookVerificationStatus.Malformed, "event id empty or too long");
            return WebhookOutcome.Malformed;
        }

        var now = clock.GetUtcNow();
        var type = Cut(webhookEvent.Type, PaymentLimits.EventType);
        var reference = Cut(webhookEvent.PaymentReference, PaymentLimits.ProviderReference);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO payments.webhook_deliveries (id, provider, event_id, type, payment_reference, received_at)
             VALUES ({Guid.CreateVersion7(now)}, {provider.Code}, {webhookEvent.EventId}, {type}, {reference}, {now})
             ON CONFLICT (provider, event_id) DO NOTHING
             """,
            cancellationToken);
        if (recorded == 0)
        {
            LogDuplicate(provider.Code, webhookEvent.EventId);
            return WebhookOutcome.Duplicate;
        }

        var payment = Guid.TryParse(webhookEvent.PaymentReference, out var paymentId) ? await db.LockAsync(paymentId, cancellationToken) : null;
        if (payment is null || payment.Provider != provider.Code)
        {
            LogUnknownPayment(provider.Code, webhookEvent.EventId, reference);
            await transaction.CommitAsync(CancellationToken.None);
            return WebhookOutcome.Processed;
        }

        var eventType = "webhook." + type;
        var moved = webhookEvent.Kind switch
        {
            WebhookEventKind.PaymentSucceeded => payment.Status is PaymentStatus.Pending or PaymentStatus.RequiresAction or PaymentStatus.Authorized
                                                 && payment.Capture(eventType, webhookEvent.EventId, now),
            WebhookEventKind.PaymentFailed => payment.Status is PaymentStatus.Pending or PaymentStatus.RequiresAction
                                              && payment.Fail(eventType, webhookEvent.FailureCode ?? "payment_failed", webhookEvent.Message, webhookEvent.EventId, now),

            // "Action required" after the payment moved on, refunds (informational: refunds are made through the shop) and
            // anything else change nothing: they are logged.
            _ => false,
        };
        if (moved)
        {
            db.Publish(payment.ToIntegrationEvent(now));
        }
        else
        {
            payment.Log(eventType, Loggable(webhookEvent.Amount), webhookEvent.EventId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        LogApplied(provider.Code, webhookEvent.EventId, webhookEvent.Type, payment.Id, payment.Status, moved);
        return WebhookOutcome.Processed;
    }

    /// <summary>An amount fit for a <c>numeric(12,2)</c> column, or nothing.</summary>
    private static decimal? Loggable(PaymentAmount? amount) =>
        amount is { Amount: var a } && Money.IsExact(a) && Math.Abs(a) <= Money.MaxAmount ? a : null;

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of {Provider} refused: {Status} ({Reason})")]
    private partial void LogRefused(string provider, WebhookVerificationStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook event {EventId} of {Provider} was processed before: ignored")]
    private partial void LogDuplicate(string provider, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {EventId} of {Provider} names no payment of this provider ({Reference}): ignored")]
    private partial void LogUnknownPayment(string provider, string eventId, string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook event {EventId} ({Type}) of {Provider}: payment {PaymentId} is {Status} (changed: {Changed})")]
    private partial void LogApplied(string provider, string eventId, string type, Guid paymentId, PaymentStatus status, bool changed);
}
