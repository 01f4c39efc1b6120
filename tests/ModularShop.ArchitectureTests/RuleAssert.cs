using ModularShop.ArchitectureTests.Rules;
using Shouldly;
using Xunit;

namespace ModularShop.ArchitectureTests;

internal static class RuleAssert
{
    /// <summary>Rule 6 first (the rule looked at something), then no violation, each offender on its own line.</summary>
    public static void Holds(RuleResult result, string rule, string checkedWhat)
    {
        result.Checked.ShouldNotBeEmpty($"{rule}: found no {checkedWhat} to check, so the rule would pass vacuously.");
        if (result.Violations.Count > 0)
        {
            Assert.Fail($"{rule} is broken ({result.Violations.Count}):{Environment.NewLine}  - "
                        + string.Join(Environment.NewLine + "  - ", result.Violations));
        }
    }
}
