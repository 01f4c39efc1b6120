using ModularShop.ArchitectureTests.Discovery;
using ModularShop.ArchitectureTests.Rules;
using Shouldly;
using Xunit;

namespace ModularShop.ArchitectureTests;

/// <summary>Rules 1, 2 and 4 of ARCHITECTURE.md, over every module found.</summary>
public sealed class ModuleBoundaryTests
{
    private static IReadOnlyList<string> ModuleNames =>
        [.. ShopAssemblies.Modules.Select(m => m.Module!).Distinct(StringComparer.Ordinal)];

    [Fact]
    public void Modules_reference_other_modules_only_through_contracts()
    {
        var modules = ShopAssemblies.Modules;
        modules.ShouldNotBeEmpty();

        var result = RuleResult.Combine(modules.SelectMany(module => new[]
        {
            ArchitectureRules.ReferencesNoOtherModuleImplementation(module),
            ArchitectureRules.UsesNoOtherModuleImplementationType(module, module.AllTypes(), ModuleNames),
        }));

        RuleAssert.Holds(result, "Rule 1 (modules reference other modules only through *.Contracts)", "module assemblies or types");
    }

    [Fact]
    public void Contracts_depend_only_on_the_bcl_and_building_blocks_contracts()
    {
        var contracts = ShopAssemblies.ModuleContracts;
        contracts.ShouldNotBeEmpty();

        var result = RuleResult.Combine(contracts.Select(c =>
            ArchitectureRules.ContractsDependOnBclAndBuildingBlocksContractsOnly(c, c.AllTypes())));

        RuleAssert.Holds(result, "Rule 2 (Contracts depend on the BCL and BuildingBlocks.Contracts only)", "Contracts assemblies");
    }

    [Fact]
    public void Domain_types_depend_on_no_ef_core_aspnet_core_mediatr_carter_or_fluentvalidation()
    {
        var domainTypes = ShopAssemblies.ModuleImplementations.SelectMany(ArchitectureRules.DomainTypes).ToList();

        var result = ArchitectureRules.DomainUsesNoFrameworkTypes(domainTypes);

        RuleAssert.Holds(result, "Rule 4 (Domain types are free of EF Core, ASP.NET Core, MediatR, Carter and FluentValidation)", "ModularShop.Modules.*.Domain* types");
    }
}
