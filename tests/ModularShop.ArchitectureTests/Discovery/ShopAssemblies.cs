namespace ModularShop.ArchitectureTests.Discovery;

/// <summary>
/// Finds the shop's assemblies by file name in this test project's output folder (and its sub-folders, where
/// plugin folders may be copied). The test project references the host, which references every module, so every
/// module assembly is there; tests in <see cref="DiscoveryTests"/> check that none is missed.
/// </summary>
public static class ShopAssemblies
{
    private static readonly Lazy<IReadOnlyList<ShopAssembly>> Found = new(Discover);

    public static string OutputDirectory => AppContext.BaseDirectory;

    /// <summary>Every module, plugin and SDK assembly found, one per assembly name.</summary>
    public static IReadOnlyList<ShopAssembly> All => Found.Value;

    /// <summary>Module implementation and Contracts assemblies.</summary>
    public static IReadOnlyList<ShopAssembly> Modules =>
        [.. All.Where(a => a.Kind is ShopAssemblyKind.ModuleImplementation or ShopAssemblyKind.ModuleContracts)];

    public static IReadOnlyList<ShopAssembly> ModuleImplementations => OfKind(ShopAssemblyKind.ModuleImplementation);

    public static IReadOnlyList<ShopAssembly> ModuleContracts => OfKind(ShopAssemblyKind.ModuleContracts);

    public static IReadOnlyList<ShopAssembly> PaymentPlugins => OfKind(ShopAssemblyKind.PaymentPlugin);

    public static ShopAssembly? PaymentsAbstractions => OfKind(ShopAssemblyKind.PaymentsAbstractions).SingleOrDefault();

    /// <summary>The repository root (the folder holding ModularShop.sln), or null when the tests run outside a checkout.</summary>
    public static DirectoryInfo? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(OutputDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModularShop.sln")) || File.Exists(Path.Combine(dir.FullName, "ModularShop.slnx")))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>The assembly names of the projects under <c>src/</c> (a project's file name is its assembly name here).</summary>
    public static IReadOnlyList<string> SourceProjectNames(DirectoryInfo repositoryRoot) =>
        [.. Directory.EnumerateFiles(Path.Combine(repositoryRoot.FullName, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every shop assembly in the output folder, the building blocks and the host included (tests and benchmarks
    /// excluded): what the rules that hold for the whole shop (e.g. who may mint tokens) look at.
    /// </summary>
    public static IReadOnlyList<ShopAssembly> Everything => FoundEverything.Value;

    /// <summary>The payment plugin projects anywhere in the repository (src/, samples, wherever), by assembly name.</summary>
    public static IReadOnlyList<string> PluginProjectNames(DirectoryInfo repositoryRoot) =>
        [.. Directory.EnumerateFiles(repositoryRoot.FullName, ShopAssembly.PluginPrefix + "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "node_modules"))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(n => n.Length > ShopAssembly.PluginPrefix.Length)
            .Order(StringComparer.Ordinal)];

    private static readonly Lazy<IReadOnlyList<ShopAssembly>> FoundEverything = new(() =>
        [.. Directory.EnumerateFiles(OutputDirectory, "ModularShop.*.dll", SearchOption.TopDirectoryOnly)
            .Select(p => (Path: p, Name: Path.GetFileNameWithoutExtension(p)))
            .Where(p => !p.Name.EndsWith("Tests", StringComparison.Ordinal) && !p.Name.Contains(".Bench.", StringComparison.Ordinal)
                        && p.Name != "ModularShop.Testing")
            .Select(p => ShopAssembly.FromFile(p.Path))
            .OrderBy(a => a.Name, StringComparer.Ordinal)]);

    private static IReadOnlyList<ShopAssembly> OfKind(ShopAssemblyKind kind) => [.. All.Where(a => a.Kind == kind)];

    private static IReadOnlyList<ShopAssembly> Discover() =>
        [.. Directory.EnumerateFiles(OutputDirectory, "ModularShop.*.dll", SearchOption.AllDirectories)
            // The top-level copy wins over a plugin folder's copy of the same assembly (e.g. the SDK).
            .OrderBy(p => Path.GetDirectoryName(p)!.Length)
            .Select(p => (Path: p, Classified: ShopAssembly.Classify(Path.GetFileNameWithoutExtension(p))))
            .Where(p => p.Classified.Kind != ShopAssemblyKind.Other)
            .DistinctBy(p => Path.GetFileNameWithoutExtension(p.Path), StringComparer.Ordinal)
            .Select(p => ShopAssembly.FromFile(p.Path))
            .OrderBy(a => a.Name, StringComparer.Ordinal)];
}
