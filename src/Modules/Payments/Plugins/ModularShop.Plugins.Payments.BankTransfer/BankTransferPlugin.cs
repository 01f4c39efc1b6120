using ModularShop.Payments.Abstractions;

namespace ModularShop.Plugins.Payments.BankTransfer;

/// <summary>The plugin's entry point: the host binds <see cref="BankTransferOptions"/> and validates them first.</summary>
public sealed class BankTransferPlugin : PaymentPlugin<BankTransferOptions>
{
    protected override IPaymentProvider CreateProvider(BankTransferOptions options, PaymentPluginContext context) =>
        new BankTransferProvider(options);
}
