using System.Reflection;

namespace ModularShop.BuildingBlocks.Web.Modules;

/// <summary>The modules this host instance runs (only the enabled ones).</summary>
public sealed class ModuleCatalog(IReadOnlyList<IModule> modules)
{
    public IReadOnlyList<IModule> Modules { get; } = modules;

    public IEnumerable<Assembly> Assemblies => Modules.Select(m => m.GetType().Assembly).Distinct();
}
