namespace ModularShop.Payments.Abstractions;

/// <summary>Where an authorization stands after <see cref="IPaymentProvider.AuthorizeAsync"/>.</summary>
public enum AuthorizeStatus
{
    /// <summary>Authorized, not captured.</summary>
    Authorized,

    /// <summary>Authorized and captured: the money is taken.</summary>
    Captured,

    /// <summary>The shopper must act (<see cref="AuthorizeResult.NextAction"/>); the outcome arrives by webhook.</summary>
    RequiresAction,

    /// <summary>Waiting for money that arrives outside the shop (offline providers).</summary>
    Pending,

    /// <summary>Refused by the issuer or the provider (<see cref="AuthorizeResult.DeclineCode"/>).</summary>
    Declined,

    /// <summary>The details are wrong (<see cref="AuthorizeResult.InvalidField"/>): nothing was sent to the bank.</summary>
    Invalid,
}

/// <summary>What the shopper has to do next: go to <see cref="Url"/> (<see cref="Type"/> is <c>redirect</c>).</summary>
public sealed record PaymentNextAction(string Type, Uri Url);

/// <summary>How the payment method is shown on the order, without anything secret: brand and last four digits.</summary>
/// <param name="Display">E.g. <c>Visa •••• 4242</c>.</param>
/// <param name="Brand">E.g. <c>Visa</c>.</param>
/// <param name="Last4">The last four digits of the card number; never more.</param>
public sealed record PaymentMethodDisplay(string Display, string? Brand = null, string? Last4 = null);

/// <summary>The outcome of an authorization.</summary>
public sealed record AuthorizeResult
{
    /// <summary>Where the authorization stands.</summary>
    public required AuthorizeStatus Status { get; init; }

    /// <summary>The provider's id of the authorization (for capture, void, refund and webhooks). Null only when <see cref="Status"/>
    /// is <see cref="AuthorizeStatus.Invalid"/>.</summary>
    public string? ProviderReference { get; init; }

    /// <summary>Set with <see cref="AuthorizeStatus.RequiresAction"/>.</summary>
    public PaymentNextAction? NextAction { get; init; }

    /// <summary>Set with <see cref="AuthorizeStatus.Declined"/>: a stable, lower-case code (<c>card_declined</c>, <c>insufficient_funds</c>).</summary>
    public string? DeclineCode { get; init; }

    /// <summary>A message fit for the shopper (declines, invalid details).</summary>
    public string? Message { get; init; }

    /// <summary>Set with <see cref="AuthorizeStatus.Invalid"/>: the name of the detail that is wrong (<c>cardNumber</c>).</summary>
    public string? InvalidField { get; init; }

    /// <summary>How to show the method on the order (known for every status but <see cref="AuthorizeStatus.Invalid"/>).</summary>
    public PaymentMethodDisplay? Method { get; init; }

    /// <summary>Instructions for offline payments (bank details, reference to quote).</summary>
    public string? Instructions { get; init; }

    /// <summary>The detail <paramref name="field"/> is wrong; nothing was charged.</summary>
    public static AuthorizeResult Invalid(string field, string message) =>
        new() { Status = AuthorizeStatus.Invalid, InvalidField = field, Message = message };

    /// <summary>Refused with a stable <paramref name="code"/>.</summary>
    public static AuthorizeResult Declined(string providerReference, string code, string message, PaymentMethodDisplay? method) =>
        new() { Status = AuthorizeStatus.Declined, ProviderReference = providerReference, DeclineCode = code, Message = message, Method = method };
}

/// <summary>Where a capture, void or refund stands.</summary>
public enum PaymentOperationStatus
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Accepted; the outcome arrives by webhook.</summary>
    Pending,

    /// <summary>Refused by the provider (<see cref="PaymentOperationResult.FailureCode"/>).</summary>
    Failed,

    /// <summary>The provider cannot do this (capability missing, or not for this payment).</summary>
    Unsupported,
}

/// <summary>The outcome of a capture, void or refund.</summary>
public sealed record PaymentOperationResult(PaymentOperationStatus Status, string? ProviderReference = null, string? FailureCode = null, string? Message = null)
{
    /// <summary>Done.</summary>
    public static PaymentOperationResult Succeeded(string? providerReference = null) => new(PaymentOperationStatus.Succeeded, providerReference);

    /// <summary>Refused by the provider.</summary>
    public static PaymentOperationResult Failed(string code, string message) => new(PaymentOperationStatus.Failed, null, code, message);

    /// <summary>A refund above what is left of the capture (<see cref="RefundRequest.ExceedsRefundable"/>).</summary>
    public static PaymentOperationResult RefundTooLarge(RefundRequest request) => Failed(
        "amount_too_large",
        $"A refund of {request?.Amount} exceeds what is left to refund ({request?.Refundable}).");

    /// <summary>Not something this provider can do.</summary>
    public static PaymentOperationResult Unsupported(string message) => new(PaymentOperationStatus.Unsupported, null, "unsupported", message);
}
