using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModularShop.BuildingBlocks.Web.Modules;

namespace ModularShop.ArchitectureTests.Discovery;

/// <summary>Which schema each module owns (its <see cref="IModule.Schema"/>), and its DbContexts as <c>dotnet ef</c> builds them.</summary>
public static class ModuleSchemas
{
    /// <summary>Module name → schema, from the <see cref="IModule"/> registration class of every module found.</summary>
    public static IReadOnlyDictionary<string, string> Schemas() =>
        ShopAssemblies.ModuleImplementations.ToDictionary(
            m => m.Module!,
            m =>
            {
                var registration = m.Loaded.GetTypes().Single(t => typeof(IModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });
                return ((IModule)Activator.CreateInstance(registration)!).Schema;
            },
            StringComparer.Ordinal);

    /// <summary>Every DbContext of <paramref name="assembly"/>, made by its design-time factory (no database is contacted).</summary>
    public static IReadOnlyList<DbContext> DesignTimeContexts(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)))
            .Select(t =>
            {
                var factory = Activator.CreateInstance(t, nonPublic: true)!;
                return (DbContext)t.GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!.Invoke(factory, [Array.Empty<string>()])!;
            })];
}
