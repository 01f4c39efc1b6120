using ModularShop.ArchitectureTests.Discovery;
using ModularShop.ArchitectureTests.Rules;
using Shouldly;
using Xunit;

namespace ModularShop.ArchitectureTests;

/// <summary>Rule 3 of ARCHITECTURE.md: handlers (MediatR and integration-event/scheduled-message handlers), validators and integration events.</summary>
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
        types.Count(ArchitectureRules.IsIntegrationEventHandler).ShouldBeGreaterThan(0, "no integration-event handler found in any module");

        var result = ArchitectureRules.HandlersAndValidatorsAreInternalSealed(types);

        RuleAssert.Holds(result, "Rule 3 (handlers and validators are internal sealed)", "handlers or validators");
    }

    [Fact]
    public void Integration_events_are_sealed_and_immutable()
    {
        var types = ModuleTypes;

        // Rule 6: no integration event found fails (RuleAssert), it does not skip.
        var result = ArchitectureRules.IntegrationEventsAreSealedAndImmutable(types);

        RuleAssert.Holds(result, "Rule 3 (integration events are sealed and immutable)", "integration events");
    }
}
