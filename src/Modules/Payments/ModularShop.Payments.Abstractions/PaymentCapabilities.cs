namespace ModularShop.Payments.Abstractions;

/// <summary>What a provider supports. The shop checks these before it calls an operation.</summary>
[Flags]
public enum PaymentCapabilities
{
    /// <summary>Nothing beyond authorizing.</summary>
    None = 0,

    /// <summary>Money can be captured (at authorization with <see cref="AuthorizeRequest.Capture"/>, or later).</summary>
    Capture = 1,

    /// <summary>Less than the authorized amount can be captured.</summary>
    PartialCapture = 2,

    /// <summary>An uncaptured authorization can be cancelled.</summary>
    Void = 4,

    /// <summary>Captured money can be given back.</summary>
    Refund = 8,

    /// <summary>Part of the captured money can be given back, in several refunds.</summary>
    PartialRefund = 16,

    /// <summary>An authorization may need the shopper's action (3-D Secure, a redirect) before it completes.</summary>
    RequiresAction = 32,

    /// <summary>The provider reports outcomes by webhook (<see cref="IPaymentProvider.VerifyWebhook"/>).</summary>
    Webhooks = 64,
}
