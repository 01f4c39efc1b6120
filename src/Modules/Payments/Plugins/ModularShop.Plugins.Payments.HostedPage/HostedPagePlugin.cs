using ModularShop.Payments.Abstractions;

namespace ModularShop.Plugins.Payments.HostedPage;

/// <summary>The plugin's entry point: the host binds and validates <see cref="HostedPageOptions"/> first.</summary>
public sealed class HostedPagePlugin : PaymentPlugin<HostedPageOptions>
{
    protected override IPaymentProvider CreateProvider(HostedPageOptions options, PaymentPluginContext context) =>
        new HostedPageProvider(options);
}
