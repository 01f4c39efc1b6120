using ModularShop.Payments.Abstractions;
using ModularShop.Plugins.Payments.BankTransfer;
using ModularShop.Plugins.Payments.HostedPage;
using ModularShop.Plugins.Payments.TestCard;

namespace ModularShop.Payments.Conformance.Tests;

/// <summary>The built-in test card passes the kit.</summary>
public sealed class TestCardConformanceTests : PaymentProviderConformanceTests
{
    private const string Secret = "whsec_conformance_current_0001";
    private const string Previous = "whsec_conformance_previous_001";

    protected override IPaymentProvider CreateProvider() =>
        new TestCardProvider(new TestCardOptions { WebhookSecret = Secret, PreviousWebhookSecrets = [Previous] }, TimeProvider.System);

    protected override IConformanceSandbox CreateSandbox() => new TestCardSandbox(Secret, Previous);
}

/// <summary>The sample offline plugin passes the kit.</summary>
public sealed class BankTransferConformanceTests : PaymentProviderConformanceTests
{
    protected override IPaymentProvider CreateProvider() =>
        new BankTransferProvider(new BankTransferOptions { AccountHolder = "Conformance GmbH", Iban = "DE89 3704 0044 0532 0130 00" });

    protected override IConformanceSandbox CreateSandbox() => new BankTransferSandbox();
}

/// <summary>The sample redirect plugin passes the kit.</summary>
public sealed class HostedPageConformanceTests : PaymentProviderConformanceTests
{
    private const string Secret = "hp_conformance_current_000001";
    private const string Previous = "hp_conformance_previous_00001";

    protected override IPaymentProvider CreateProvider() =>
        new HostedPageProvider(new HostedPageOptions { WebhookSecret = Secret, PreviousWebhookSecrets = [Previous] });

    protected override IConformanceSandbox CreateSandbox() => new HostedPageSandbox(Secret, Previous);
}
