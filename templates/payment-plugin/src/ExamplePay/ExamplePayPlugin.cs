using ModularShop.Payments.Abstractions;

namespace ExamplePay;

/// <summary>The plugin's entry point: the shop finds it, binds <see cref="ExamplePayOptions"/>, then asks for the provider.</summary>
public sealed class ExamplePayPlugin : PaymentPlugin<ExamplePayOptions>
{
    protected override IPaymentProvider CreateProvider(ExamplePayOptions options, PaymentPluginContext context) =>
        new ExamplePayProvider(options);
}
