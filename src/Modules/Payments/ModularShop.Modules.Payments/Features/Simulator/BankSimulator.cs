using Microsoft.EntityFrameworkCore;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Domain;
using ModularShop.Modules.Payments.Features.Webhooks;
using ModularShop.Modules.Payments.Persistence;
using ModularShop.Modules.Payments.Providers;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Features.Simulator;

/// <summary>
/// The simulated bank page of test-mode providers that implement <see cref="IPaymentSimulator"/>: finds a payment
/// waiting for the shopper's action and, once the tester chose, asks the provider for the signed webhook its real
/// counterpart would send and delivers it through <see cref="WebhookProcessor"/> — the same path, signature check
/// included, as a call from outside.
/// </summary>
internal sealed class BankSimulator(PaymentsDbContext db, PaymentProviders providers, WebhookProcessor webhooks, TimeProvider clock)
{
    /// <summary>The payment of <paramref name="providerCode"/> waiting for action, or null (no page then).</summary>
    public async Task<Payment?> FindWaitingAsync(string providerCode, Guid paymentId, CancellationToken cancellationToken)
    {
        if (Simulator(providerCode) is null)
        {
            return null;
        }

        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        return payment is { Status: PaymentStatus.RequiresAction } && payment.Provider == providerCode ? payment : null;
    }

    /// <summary>Delivers the outcome; null when the payment is not waiting for action (any more).</summary>
    public async Task<PaymentStatus?> CompleteAsync(string providerCode, Guid paymentId, bool approved, CancellationToken cancellationToken)
    {
        var payment = await FindWaitingAsync(providerCode, paymentId, cancellationToken);
        if (payment is null || Simulator(providerCode) is not { } simulator)
        {
            return null;
        }

        var webhook = simulator.CompleteAction(
            payment.Id.ToString(), payment.ProviderReference ?? string.Empty, new PaymentAmount(payment.Amount, payment.Currency), approved, clock.GetUtcNow());
        var outcome = await webhooks.ProcessAsync(providerCode, webhook.Body, webhook.Headers, cancellationToken);
        if (outcome is not (WebhookOutcome.Processed or WebhookOutcome.Duplicate))
        {
            throw new InvalidOperationException($"The {providerCode} simulator's own webhook was refused ({outcome}): check its webhook secret settings.");
        }

        return await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => (PaymentStatus?)p.Status).SingleOrDefaultAsync(cancellationToken);
    }

    private IPaymentSimulator? Simulator(string providerCode) =>
        providers.Find(providerCode) is { TestMode: true } provider && provider.Capabilities.HasFlag(PaymentCapabilities.Webhooks)
            ? provider as IPaymentSimulator
            : null;
}
