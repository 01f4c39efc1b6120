namespace ModularShop.Modules.Payments.Features;

internal static class PaymentRoutes
{
    public const string Payments = "/api/payments";
}
