namespace ModularShop.Modules.Payments.Domain;

/// <summary>Column lengths.</summary>
internal static class PaymentLimits
{
    public const int Provider = 64;
    public const int Currency = 3;
    public const int MethodDisplay = 100;
    public const int ProviderReference = 200;
    public const int NextActionType = 32;
    public const int NextActionUrl = 2000;
    public const int Instructions = 2000;
    public const int FailureCode = 100;
    public const int FailureMessage = 500;
    public const int EventType = 100;
    public const int ProviderEventId = 200;
    public const int Reason = 500;
}
