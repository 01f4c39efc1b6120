using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.Modules.Catalog.Seeding;

/// <summary><c>Seed:*</c> settings.</summary>
public sealed class DemoSeedOptions
{
    public const string Section = "Seed";

    /// <summary>Fill an empty catalog with demo data at start-up.</summary>
    public bool Demo { get; set; }
}

/// <summary>Placeholder: the demo catalog is filled by a later change (see the closing note).</summary>
internal sealed class DemoCatalogSeeder : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
