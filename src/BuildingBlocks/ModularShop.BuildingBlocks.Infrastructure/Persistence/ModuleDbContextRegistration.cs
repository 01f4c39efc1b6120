using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

public static class ModuleDbContextRegistration
{
    public const string ConnectionStringName = "Shop";

    /// <summary>
    /// Registers a pooled module DbContext on the shared connection string, with snake_case names, the
    /// migrations history in the module's schema, and the context enlisted for start-up migration and the
    /// readiness check.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, IConfiguration configuration, string schema)
        where TContext : ModuleDbContext
    {
        services.AddDbContextPool<TContext>((sp, options) =>
        {
            var connectionString = configuration.GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");
            Configure(options, connectionString, schema);
        });
        services.AddSingleton(new MigratableContext(typeof(TContext), schema));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString, string schema) =>
        options
            .UseNpgsql(Tune(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", schema))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(UnstorableTextGuard.Instance);

    /// <summary>
    /// Module contexts never change session state, so a pooled connection need not be reset (saves the
    /// <c>DISCARD ALL</c> round trip per use), and their few statement shapes are worth preparing. Values the
    /// connection string sets explicitly win.
    /// </summary>
    internal static string Tune(string connectionString)
    {
        // Keys as written, in either spelling ("No Reset On Close" or NoResetOnClose). Npgsql's own builder
        // cannot tell: its ContainsKey is true for every keyword it knows.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!written.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }
}
