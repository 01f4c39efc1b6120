using System.Reflection;
using ModularShop.ArchitectureTests.Discovery;
using Shouldly;
using Xunit;

namespace ModularShop.ArchitectureTests;

/// <summary>The rules run over every module found by file name; these tests make sure none is missed.</summary>
public sealed class DiscoveryTests
{
    [Fact]
    public void Module_assemblies_are_found_in_the_output_folder()
    {
        ShopAssemblies.ModuleImplementations.ShouldNotBeEmpty($"no ModularShop.Modules.*.dll in {ShopAssemblies.OutputDirectory}");
        ShopAssemblies.ModuleContracts.ShouldNotBeEmpty($"no ModularShop.Modules.*.Contracts.dll in {ShopAssemblies.OutputDirectory}");
        ShopAssemblies.ModuleImplementations.Select(a => a.Name).ShouldContain("ModularShop.Modules.Catalog");
        ShopAssemblies.ModuleContracts.Select(a => a.Name).ShouldContain("ModularShop.Modules.Catalog.Contracts");
    }

    [Fact]
    public void Every_module_assembly_the_host_depends_on_is_discovered()
    {
        var host = Assembly.Load("ModularShop.Host");
        var reachable = ShopAssemblyClosure(host);
        reachable.ShouldContain(
            n => ShopAssembly.Classify(n).Kind == ShopAssemblyKind.ModuleImplementation,
            "the host references no module at all");

        var missed = reachable.Where(n => ShopAssembly.Classify(n).Kind != ShopAssemblyKind.Other)
            .Except(ShopAssemblies.All.Select(a => a.Name))
            .ToList();
        missed.ShouldBeEmpty($"the host depends on these module/plugin assemblies, but discovery in {ShopAssemblies.OutputDirectory} missed them");
    }

    [Fact]
    public void Every_module_and_plugin_project_in_src_is_discovered()
    {
        var root = ShopAssemblies.RepositoryRoot();
        if (root is null)
        {
            Assert.Skip($"no ModularShop.sln above {ShopAssemblies.OutputDirectory}: not running from a checkout, so there are no sources to compare with.");
        }

        var projects = ShopAssemblies.SourceProjectNames(root)
            .Where(n => ShopAssembly.Classify(n).Kind != ShopAssemblyKind.Other)
            .ToList();
        projects.ShouldContain("ModularShop.Modules.Catalog");

        var missed = projects.Except(ShopAssemblies.All.Select(a => a.Name)).ToList();
        missed.ShouldBeEmpty(
            "these projects under src/ are not in the architecture tests' output folder, so no rule checks them. "
            + "A module must be referenced by the host; a payment plugin (not referenced by the host) needs a "
            + "ProjectReference from tests/ModularShop.ArchitectureTests");
    }

    [Fact]
    public void Every_module_has_an_implementation_and_a_contracts_assembly()
    {
        var implementations = ShopAssemblies.ModuleImplementations.Select(a => a.Module!).ToList();
        var contracts = ShopAssemblies.ModuleContracts.Select(a => a.Module!).ToList();
        implementations.ShouldNotBeEmpty();
        implementations.Except(contracts).ShouldBeEmpty("modules without a *.Contracts assembly");
        contracts.Except(implementations).ShouldBeEmpty("*.Contracts assemblies without their module");
    }

    private static HashSet<string> ShopAssemblyClosure(Assembly start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([start]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && name.StartsWith("ModularShop.", StringComparison.Ordinal) && seen.Add(name))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return seen;
    }
}
