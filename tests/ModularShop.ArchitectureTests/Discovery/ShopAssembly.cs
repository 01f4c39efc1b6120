using System.Reflection;
using Mono.Cecil;

namespace ModularShop.ArchitectureTests.Discovery;

/// <summary>What an assembly of the shop is, by its name (see "Names" in ARCHITECTURE.md).</summary>
public enum ShopAssemblyKind
{
    /// <summary><c>ModularShop.Modules.&lt;M&gt;</c>: a module's implementation.</summary>
    ModuleImplementation,

    /// <summary><c>ModularShop.Modules.&lt;M&gt;.Contracts</c>: the only thing other modules may reference.</summary>
    ModuleContracts,

    /// <summary><c>ModularShop.Plugins.Payments.&lt;Provider&gt;</c>: a payment plugin.</summary>
    PaymentPlugin,

    /// <summary><c>ModularShop.Payments.Abstractions</c>: the payment plugin SDK.</summary>
    PaymentsAbstractions,

    /// <summary>Anything else (host, building blocks, third party, BCL).</summary>
    Other,
}

/// <summary>One assembly file of the shop, read with Mono.Cecil (metadata only) and, on demand, loaded for reflection.</summary>
public sealed class ShopAssembly
{
    public const string ModulePrefix = "ModularShop.Modules.";
    public const string ContractsSuffix = ".Contracts";
    public const string PluginPrefix = "ModularShop.Plugins.Payments.";
    public const string PaymentsAbstractionsName = "ModularShop.Payments.Abstractions";
    public const string BuildingBlocksContractsName = "ModularShop.BuildingBlocks.Contracts";
    public const string KernelName = "ModularShop.BuildingBlocks.Kernel";

    private readonly Lazy<AssemblyDefinition> _definition;
    private readonly Lazy<Assembly> _loaded;

    private ShopAssembly(string name, string? path, ShopAssemblyKind kind, string? module, Func<AssemblyDefinition> read, Func<Assembly> load)
    {
        Name = name;
        Path = path;
        Kind = kind;
        Module = module;
        _definition = new Lazy<AssemblyDefinition>(read);
        _loaded = new Lazy<Assembly>(load);
    }

    /// <summary>The simple assembly name, e.g. <c>ModularShop.Modules.Catalog.Contracts</c>.</summary>
    public string Name { get; }

    public string? Path { get; }

    public ShopAssemblyKind Kind { get; }

    /// <summary>The module name (<c>Catalog</c>) of a module assembly, the provider name of a plugin, else null.</summary>
    public string? Module { get; }

    /// <summary>The assembly's metadata (Mono.Cecil), without loading it into the test process.</summary>
    public AssemblyDefinition Definition => _definition.Value;

    /// <summary>The assembly loaded into the test process (for reflection-based rules).</summary>
    public Assembly Loaded => _loaded.Value;

    /// <summary>
    /// The simple names of the assemblies this one references (its AssemblyRef table, the same list
    /// <see cref="Assembly.GetReferencedAssemblies"/> returns, read without loading the assembly).
    /// </summary>
    public IReadOnlyList<string> ReferencedAssemblyNames =>
        [.. Definition.Modules.SelectMany(m => m.AssemblyReferences).Select(r => r.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>The namespace every type of a module lives under, e.g. <c>ModularShop.Modules.Catalog</c>.</summary>
    public string? ModuleNamespace => Module is null ? null : ModulePrefix + Module;

    public static ShopAssembly FromFile(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        var simpleName = name.Name ?? throw new InvalidOperationException($"{path} has no assembly name.");
        var (kind, module) = Classify(simpleName);
        return new ShopAssembly(
            simpleName,
            path,
            kind,
            module,
            () => AssemblyDefinition.ReadAssembly(path),
            () => Assembly.Load(name));
    }

    /// <summary>
    /// An assembly treated as if it were module <paramref name="module"/> (used to run the rules against the
    /// deliberately broken fixtures of this test assembly).
    /// </summary>
    public static ShopAssembly AsModule(Assembly assembly, string module, ShopAssemblyKind kind) =>
        new(assembly.GetName().Name!, assembly.Location, kind, module, () => AssemblyDefinition.ReadAssembly(assembly.Location), () => assembly);

    /// <summary>Classifies an assembly by its simple name.</summary>
    public static (ShopAssemblyKind Kind, string? Module) Classify(string assemblyName)
    {
        if (assemblyName == PaymentsAbstractionsName)
        {
            return (ShopAssemblyKind.PaymentsAbstractions, null);
        }

        if (assemblyName.StartsWith(PluginPrefix, StringComparison.Ordinal) && assemblyName.Length > PluginPrefix.Length)
        {
            return (ShopAssemblyKind.PaymentPlugin, assemblyName[PluginPrefix.Length..]);
        }

        if (!assemblyName.StartsWith(ModulePrefix, StringComparison.Ordinal) || assemblyName.Length == ModulePrefix.Length
            || assemblyName.EndsWith(".Tests", StringComparison.Ordinal))
        {
            return (ShopAssemblyKind.Other, null);
        }

        var rest = assemblyName[ModulePrefix.Length..];
        return rest.EndsWith(ContractsSuffix, StringComparison.Ordinal) && rest.Length > ContractsSuffix.Length
            ? (ShopAssemblyKind.ModuleContracts, rest[..^ContractsSuffix.Length])
            : (ShopAssemblyKind.ModuleImplementation, rest);
    }

    /// <summary>Every type of the assembly, nested types included (compiler-generated ones too: lambdas, state machines).</summary>
    public IEnumerable<TypeDefinition> AllTypes() =>
        Definition.Modules.SelectMany(m => m.Types).SelectMany(Flatten).Where(t => t.Name != "<Module>");

    public override string ToString() => Name;

    private static IEnumerable<TypeDefinition> Flatten(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(Flatten));
}
