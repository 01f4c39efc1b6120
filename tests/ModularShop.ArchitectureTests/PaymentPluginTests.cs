using ModularShop.ArchitectureTests.Discovery;
using ModularShop.ArchitectureTests.Rules;
using Shouldly;
using Xunit;

namespace ModularShop.ArchitectureTests;

/// <summary>Rule 5 of ARCHITECTURE.md: payment plugins see the SDK only.</summary>
public sealed class PaymentPluginTests
{
    [Fact]
    public void Payment_plugins_depend_only_on_the_payments_abstractions()
    {
        var plugins = ShopAssemblies.PaymentPlugins;
        var root = ShopAssemblies.RepositoryRoot();
        var projects = root is null ? [] : ShopAssemblies.PluginProjectNames(root);
        if (plugins.Count == 0 && projects.Count == 0)
        {
            Assert.Skip("No payment plugin exists yet: no ModularShop.Plugins.Payments.*.csproj anywhere in the repository and no such "
                        + "assembly in the output folder. The rule itself is proven by RulesBiteTests.Rule_5_reports_a_plugin_using_a_module.");
        }

        // A plugin project that exists but is not here would go unchecked: that fails, it does not skip.
        projects.Except(plugins.Select(p => p.Name)).ShouldBeEmpty(
            $"these payment plugin projects are not in {ShopAssemblies.OutputDirectory}; reference them from tests/ModularShop.ArchitectureTests "
            + "(ReferenceOutputAssembly) so rule 5 checks them");

        var result = RuleResult.Combine(plugins.Select(p => ArchitectureRules.PluginDependsOnPaymentsAbstractionsOnly(p, p.AllTypes())));

        RuleAssert.Holds(result, "Rule 5 (payment plugins depend on ModularShop.Payments.Abstractions only)", "payment plugins");
    }

    [Fact]
    public void The_payment_sdk_depends_on_the_bcl_only()
    {
        var sdk = ShopAssemblies.PaymentsAbstractions;
        sdk.ShouldNotBeNull($"{ShopAssembly.PaymentsAbstractionsName} is in {ShopAssemblies.OutputDirectory}");

        RuleAssert.Holds(ArchitectureRules.PaymentsSdkDependsOnTheBclOnly(sdk, sdk.AllTypes()), "The payment SDK depends on the BCL only", "the payment SDK");
    }
}
