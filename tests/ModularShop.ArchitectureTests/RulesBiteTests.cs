using ModularShop.ArchitectureTests.Discovery;
using ModularShop.ArchitectureTests.Rules;
using ModularShop.Modules.BrokenFixture.Contracts;
using ModularShop.Modules.BrokenFixture.Domain;
using ModularShop.Modules.BrokenFixture.Features;
using ModularShop.Plugins.Payments.BrokenFixture;
using Shouldly;
using Xunit;

namespace ModularShop.ArchitectureTests;

/// <summary>
/// Each rule must be able to fail: the same rule functions the real tests use run over the deliberately broken
/// types in Fixtures/BrokenModule.cs (this test assembly, treated as module "BrokenFixture") and must name them.
/// </summary>
public sealed class RulesBiteTests
{
    internal const string FixtureModule = "BrokenFixture";

    private static readonly ShopAssembly AsModule =
        ShopAssembly.AsModule(typeof(RulesBiteTests).Assembly, FixtureModule, ShopAssemblyKind.ModuleImplementation);

    private static readonly ShopAssembly AsContracts =
        ShopAssembly.AsModule(typeof(RulesBiteTests).Assembly, FixtureModule, ShopAssemblyKind.ModuleContracts);

    private static readonly ShopAssembly AsPlugin =
        ShopAssembly.AsModule(typeof(RulesBiteTests).Assembly, FixtureModule, ShopAssemblyKind.PaymentPlugin);

    [Fact]
    public void Rule_1_reports_a_module_using_another_modules_implementation_types()
    {
        var moduleNames = ShopAssemblies.Modules.Select(m => m.Module!).Append(FixtureModule).Distinct().ToList();
        var types = TypesIn(AsModule, typeof(ReadsCatalogInternals).Namespace!);

        var result = ArchitectureRules.UsesNoOtherModuleImplementationType(AsModule, types, moduleNames);

        result.Checked.ShouldNotBeEmpty();
        result.Violations.ShouldContain(v => v.StartsWith(
            $"{typeof(ReadsCatalogInternals).FullName} uses ModularShop.Modules.Catalog.CatalogModule from ModularShop.Modules.Catalog,",
            StringComparison.Ordinal));
        result.Violations.ShouldContain(v => v.StartsWith(
            $"{typeof(ReadsCatalogInternals).FullName} uses ModularShop.Modules.Catalog.Domain.Products.Product ",
            StringComparison.Ordinal));
        result.Violations.ShouldContain(v => v.StartsWith(
            $"{typeof(CreatesCatalogModuleInALambda).FullName} uses ModularShop.Modules.Catalog.CatalogModule ",
            StringComparison.Ordinal));
        result.Violations.ShouldNotContain(
            v => v.Contains(nameof(UsesCatalogContractsOnly), StringComparison.Ordinal) || v.Contains(".Contracts.", StringComparison.Ordinal),
            "Catalog.Contracts types are allowed although \"ModularShop.Modules.Catalog\" is a prefix of their namespace");
    }

    [Fact]
    public void Rule_1_reports_a_reference_to_another_modules_implementation_assembly()
    {
        var result = ArchitectureRules.ReferencesNoOtherModuleImplementation(AsModule);

        result.Violations.ShouldContain(v => v.Contains("references assembly ModularShop.Modules.Catalog,", StringComparison.Ordinal));
        result.Violations.ShouldNotContain(v => v.Contains("ModularShop.Modules.Catalog.Contracts,", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_2_reports_a_contracts_type_using_mediatr()
    {
        var result = ArchitectureRules.ContractsDependOnBclAndBuildingBlocksContractsOnly(
            AsContracts, TypesIn(AsContracts, typeof(GetThing).Namespace!));

        result.Violations.ShouldContain(v => v.StartsWith($"{typeof(GetThing).FullName} uses MediatR.IRequest`1 from MediatR;", StringComparison.Ordinal));
        result.Violations.ShouldNotContain(v => v.StartsWith(typeof(ThingRenamedIntegrationEvent).FullName!, StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_3_reports_public_and_unsealed_handlers_and_validators()
    {
        var types = FixtureTypes(typeof(PublicHandler).Namespace!);

        var result = ArchitectureRules.HandlersAndValidatorsAreInternalSealed(types);

        result.Checked.ShouldContain(typeof(InternalHandler).FullName!);
        result.Violations.ShouldBe(
            [
                $"{typeof(PublicHandler).FullName} is a public handler; make it internal sealed",
                $"{typeof(PublicHandler).FullName} is an unsealed handler; make it internal sealed",
                $"{typeof(PublicValidator).FullName} is a public validator; make it internal sealed",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void Rule_3_reports_a_mutable_unsealed_integration_event()
    {
        var types = FixtureTypes(typeof(MutableIntegrationEvent).Namespace!);

        var result = ArchitectureRules.IntegrationEventsAreSealedAndImmutable(types);

        result.Checked.ShouldBe([typeof(MutableIntegrationEvent).FullName!, typeof(ThingRenamedIntegrationEvent).FullName!], ignoreOrder: true);
        result.Violations.ShouldBe(
            [
                $"{typeof(MutableIntegrationEvent).FullName} is an integration event that is not sealed",
                $"{typeof(MutableIntegrationEvent).FullName}.Name has a public setter; integration events are immutable (use init)",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void Rule_4_reports_a_domain_type_using_ef_core_and_mediatr()
    {
        var domainTypes = ArchitectureRules.DomainTypes(AsModule).ToList();
        domainTypes.Select(t => t.FullName).ShouldBe([typeof(LeakyOrder).FullName!, typeof(CleanOrder).FullName!, typeof(WebAwareOrder).FullName!], ignoreOrder: true);

        var result = ArchitectureRules.DomainUsesNoFrameworkTypes(domainTypes);

        result.Violations.ShouldContain($"{typeof(LeakyOrder).FullName} (Domain) uses MediatR.INotification from MediatR");
        result.Violations.ShouldContain(v => v.StartsWith(
            $"{typeof(LeakyOrder).FullName} (Domain) uses Microsoft.EntityFrameworkCore.DbSet`1 from Microsoft.EntityFrameworkCore",
            StringComparison.Ordinal));
        result.Violations.ShouldNotContain(v => v.Contains(nameof(CleanOrder), StringComparison.Ordinal));
        result.Violations.ShouldContain($"{typeof(WebAwareOrder).FullName} (Domain) uses ModularShop.BuildingBlocks.Web.ShopOptions from ModularShop.BuildingBlocks.Web");
        result.Violations.ShouldNotContain(v => v.Contains("ModularShop.BuildingBlocks.Kernel.Money", StringComparison.Ordinal), "the kernel is what domain code may use");
    }

    [Fact]
    public void Token_rule_reports_a_module_holding_a_signing_key()
    {
        var result = ArchitectureRules.OnlyUsersMintsTokens(AsModule, TypesIn(AsModule, typeof(MintsTokens).Namespace!));

        result.Violations.ShouldContain(v => v.StartsWith($"{typeof(MintsTokens).FullName} uses Microsoft.IdentityModel.Tokens.SigningCredentials;", StringComparison.Ordinal));
        result.Violations.ShouldContain(v => v.StartsWith($"{typeof(MintsTokens).FullName} uses Microsoft.IdentityModel.Tokens.SymmetricSecurityKey;", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_rule_reports_sql_naming_another_modules_table_and_nothing_else()
    {
        var result = ArchitectureRules.SqlStaysInOwnSchema(AsModule, "brokenfixture", ["brokenfixture", "catalog", "cart"]);

        result.Violations.ShouldBe([$"{typeof(WritesSql).FullName} has SQL naming catalog.product_variants of schema catalog; {AsModule.Name} owns schema brokenfixture only"]);
    }

    [Fact]
    public void Schema_rule_reports_a_db_context_mapping_another_schema_and_a_public_history()
    {
        using var context = new StraysContext();

        var result = ArchitectureRules.ModelStaysInOwnSchema(context, "brokenfixture");

        result.Violations.ShouldBe(
            [
                $"{typeof(StraysContext).FullName} maps {nameof(StrayThing)} to schema catalog; it owns brokenfixture only",
                $"{typeof(StraysContext).FullName} keeps its migrations history in schema public; it owns brokenfixture only",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void Rule_5_reports_a_plugin_using_a_module()
    {
        var result = ArchitectureRules.PluginDependsOnPaymentsAbstractionsOnly(
            AsPlugin, TypesIn(AsPlugin, typeof(ProviderUsingCatalog).Namespace!));

        result.Violations.ShouldContain(v => v.StartsWith(
            $"{typeof(ProviderUsingCatalog).FullName} uses ModularShop.Modules.Catalog.Contracts.ICatalogApi from ModularShop.Modules.Catalog.Contracts;",
            StringComparison.Ordinal));
        result.Violations.ShouldContain($"{AsPlugin.Name} does not reference {ShopAssembly.PaymentsAbstractionsName}");
    }

    [Fact]
    public void A_rule_over_nothing_fails_instead_of_passing()
    {
        var empty = new RuleResult([], []);

        Should.Throw<Exception>(() => RuleAssert.Holds(empty, "Rule 6", "types"))
            .Message.ShouldContain("would pass vacuously");
    }

    private static List<Mono.Cecil.TypeDefinition> TypesIn(ShopAssembly assembly, string @namespace) =>
        [.. assembly.AllTypes().Where(t => ArchitectureRules.IsUnder(Outermost(t).Namespace, @namespace))];

    private static List<Type> FixtureTypes(string @namespace) =>
        [.. typeof(RulesBiteTests).Assembly.GetTypes().Where(t => t.Namespace == @namespace)];

    private static Mono.Cecil.TypeDefinition Outermost(Mono.Cecil.TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
