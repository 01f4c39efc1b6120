namespace ModularShop.Payments.Abstractions;

/// <summary>
/// Optional, for providers in test mode whose <see cref="PaymentNextAction"/> points at a page the <b>shop</b> hosts
/// (a simulated bank page): the shop shows that page and, when the tester chooses an outcome, asks the provider for
/// the webhook its real counterpart would send, and delivers it to itself exactly as an outside call to
/// <c>POST /api/payments/webhooks/{code}</c> (signature checked and all).
/// </summary>
public interface IPaymentSimulator
{
    /// <summary>The signed webhook announcing the outcome of the shopper's action on <paramref name="providerReference"/>.</summary>
    SimulatedWebhook CompleteAction(string paymentReference, string providerReference, PaymentAmount amount, bool approved, DateTimeOffset now);
}

/// <summary>A webhook delivery: its headers (the signature among them) and raw body.</summary>
public sealed record SimulatedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body);
