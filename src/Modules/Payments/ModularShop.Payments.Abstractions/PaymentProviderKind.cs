namespace ModularShop.Payments.Abstractions;

/// <summary>How a shopper pays with a provider (API.md: <c>kind</c> of <c>/api/payments/providers</c>).</summary>
public enum PaymentProviderKind
{
    /// <summary>Card details are entered in the shop and passed to the provider.</summary>
    Card,

    /// <summary>The shopper is sent to the provider's page and comes back; the outcome arrives by webhook.</summary>
    Redirect,

    /// <summary>The money arrives outside the shop (bank transfer, invoice) and is recorded later.</summary>
    Offline,
}
