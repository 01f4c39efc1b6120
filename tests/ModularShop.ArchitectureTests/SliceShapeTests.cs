using ModularShop.ArchitectureTests.Discovery;
using ModularShop.ArchitectureTests.Rules;
using Shouldly;
using Xunit;

namespace ModularShop.ArchitectureTests;

/// <summary>Rule 3 of ARCHITECTURE.md: handlers, validators and integration events.</summary>
public sealed class SliceShapeTests
{
    private static IReadOnlyList<Type> ModuleTypes =>
        [.. ShopAssemblies.Modules.SelectMany(m => m.Loaded.GetTypes())];

    [Fact]
    public void Handlers_and_validators_are_internal_sealed()
    {
        var types = ModuleTypes;
        types.Count(ArchitectureRules.IsHandler).ShouldBeGreaterThan(0, "no MediatR handler found in any module");
        types.Count(ArchitectureRules.IsValidator).ShouldBeGreaterThan(0, "no FluentValidation validator found in any module");

        var result = ArchitectureRules.HandlersAndValidatorsAreInternalSealed(types);

        RuleAssert.Holds(result, "Rule 3 (handlers and validators are internal sealed)", "handlers or validators");
    }

    [Fact]
    public void Integration_events_are_sealed_and_immutable()
    {
        var types = ModuleTypes;
        if (!types.Any(ArchitectureRules.IsIntegrationEvent))
        {
            Assert.Skip("No integration events yet: no type in ModularShop.Modules.* derives from "
                        + "ModularShop.BuildingBlocks.Contracts.IntegrationEvent. The rule itself is proven by "
                        + "RulesBiteTests.Rule_3_reports_a_mutable_unsealed_integration_event.");
        }

        var result = ArchitectureRules.IntegrationEventsAreSealedAndImmutable(types);

        RuleAssert.Holds(result, "Rule 3 (integration events are sealed and immutable)", "integration events");
    }
}
