using ModularShop.ArchitectureTests.Discovery;
using ModularShop.ArchitectureTests.Rules;
using Xunit;

namespace ModularShop.ArchitectureTests;

/// <summary>Rule 5 of ARCHITECTURE.md: payment plugins see the SDK only.</summary>
public sealed class PaymentPluginTests
{
    [Fact]
    public void Payment_plugins_depend_only_on_the_payments_abstractions()
    {
        var plugins = ShopAssemblies.PaymentPlugins;
        if (plugins.Count == 0)
        {
            Assert.Skip($"No payment plugins yet: no ModularShop.Plugins.Payments.*.dll in {ShopAssemblies.OutputDirectory} "
                        + "or its sub-folders. The rule itself is proven by RulesBiteTests.Rule_5_reports_a_plugin_using_a_module.");
        }

        var result = RuleResult.Combine(plugins.Select(p => ArchitectureRules.PluginDependsOnPaymentsAbstractionsOnly(p, p.AllTypes())));

        RuleAssert.Holds(result, "Rule 5 (payment plugins depend on ModularShop.Payments.Abstractions only)", "payment plugins");
    }
}
