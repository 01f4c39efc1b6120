namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>Work a module wants done once at start-up after every schema is migrated (e.g. demo data).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
