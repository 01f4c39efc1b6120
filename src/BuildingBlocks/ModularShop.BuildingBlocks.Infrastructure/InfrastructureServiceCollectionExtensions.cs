using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Http;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.BuildingBlocks.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>Start-up migrations (advisory-locked), the readiness check and database conflict mapping.</summary>
    public static IServiceCollection AddBuildingBlocksInfrastructure(this IServiceCollection services)
    {
        services.AddHostedService<MigrationRunner>();
        services.AddExceptionHandler<DatabaseExceptionHandler>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }
}
