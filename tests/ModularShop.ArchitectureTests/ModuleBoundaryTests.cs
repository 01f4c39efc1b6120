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

    [Fact]
    public void The_kernel_and_building_blocks_contracts_depend_on_the_bcl_only()
    {
        var kernelAndContracts = ShopAssemblies.Everything
            .Where(a => a.Name is ShopAssembly.KernelName or ShopAssembly.BuildingBlocksContractsName)
            .ToList();
        kernelAndContracts.Select(a => a.Name).ShouldBe([ShopAssembly.BuildingBlocksContractsName, ShopAssembly.KernelName], ignoreOrder: true);

        var result = RuleResult.Combine(kernelAndContracts.Select(a => ArchitectureRules.DependsOnBclOnly(a, a.AllTypes())));

        RuleAssert.Holds(result, "The kernel and BuildingBlocks.Contracts depend on the BCL only", "kernel types");
    }

    [Fact]
    public void Only_the_users_module_signs_tokens_or_holds_the_signing_key()
    {
        var everything = ShopAssemblies.Everything;
        everything.Select(a => a.Name).ShouldContain("ModularShop.BuildingBlocks.Web");
        everything.Select(a => a.Name).ShouldContain("ModularShop.Host");
        everything.Select(a => a.Name).ShouldContain("ModularShop.Modules.Users");

        var result = RuleResult.Combine(everything.Select(a => ArchitectureRules.OnlyUsersMintsTokens(a, a.AllTypes())));

        RuleAssert.Holds(result, "Token issuing lives in Users alone", "shop assemblies");
    }

    [Fact]
    public void Module_sql_names_only_tables_of_the_modules_own_schema()
    {
        var schemas = ModuleSchemas.Schemas();
        schemas.Keys.ShouldContain("Catalog");
        var all = schemas.Values.ToList();

        var result = RuleResult.Combine(ShopAssemblies.ModuleImplementations
            .Select(m => ArchitectureRules.SqlStaysInOwnSchema(m, schemas[m.Module!], all)));

        RuleAssert.Holds(result, "A module's SQL stays in its own schema", "module assemblies");
    }

    [Fact]
    public void Module_db_contexts_map_tables_and_migrations_history_only_in_the_modules_own_schema()
    {
        var schemas = ModuleSchemas.Schemas();
        var results = new List<RuleResult>();
        foreach (var module in ShopAssemblies.ModuleImplementations)
        {
            var contexts = ModuleSchemas.DesignTimeContexts(module.Loaded);
            contexts.ShouldNotBeEmpty($"{module.Name} has no DbContext with a design-time factory");
            foreach (var context in contexts)
            {
                using (context)
                {
                    results.Add(ArchitectureRules.ModelStaysInOwnSchema(context, schemas[module.Module!]));
                }
            }
        }

        RuleAssert.Holds(RuleResult.Combine(results), "A module's DbContext stays in its own schema", "module DbContexts");
    }
}
