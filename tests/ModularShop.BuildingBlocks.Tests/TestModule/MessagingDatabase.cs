using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Contracts;
using ModularShop.BuildingBlocks.Infrastructure;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.TestModule;

/// <summary>
/// A fresh PostgreSQL database per test class (from <c>ModularShop__TestDatabase</c>, set by <c>eng/test.sh</c>)
/// holding the test module's schema, and service providers wired like a host wires a module: pooled module
/// DbContext, messaging, explicit subscriptions. Each provider has its own relay.
/// </summary>
public sealed class MessagingDatabase : IAsyncLifetime
{
    public const string BaseConnectionStringVariable = "ModularShop__TestDatabase";

    private readonly string _baseConnectionString;
    private readonly List<ServiceProvider> _providers = [];
    private bool _created;

    public MessagingDatabase()
    {
        var baseConnectionString = Environment.GetEnvironmentVariable(BaseConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(baseConnectionString))
        {
            throw new InvalidOperationException(
                $"The environment variable {BaseConnectionStringVariable} is not set; run the tests with ./eng/test.sh.");
        }

        _baseConnectionString = baseConnectionString;
        DatabaseName = $"t_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    public async ValueTask InitializeAsync()
    {
        await ExecuteOnServerAsync($"CREATE DATABASE \"{DatabaseName}\"");
        _created = true;
        await using var services = BuildServices("setup");
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        }
    }

    /// <summary>
    /// A service provider like a host's (disposed with the fixture). Messaging settings default to fast
    /// polling and short back-off; <paramref name="settings"/> overrides them (e.g. <c>["Messaging:MaxAttempts"] = "3"</c>).
    /// With <paramref name="fullInfrastructure"/>, <c>AddBuildingBlocksInfrastructure()</c> (health checks included)
    /// replaces <c>AddMessaging()</c>.
    /// </summary>
    /// <param name="relayName">Which "host instance" this is (recorded by the counting handlers).</param>
    /// <param name="settings">Configuration overrides.</param>
    /// <param name="fullInfrastructure">The whole infrastructure (health checks included) instead of messaging only.</param>
    /// <param name="subscribe">The subscriptions; null: the default ones (<see cref="DefaultSubscriptions"/>).</param>
    /// <param name="clock">A clock the test moves; null: the system clock.</param>
    public ServiceProvider CreateServices(
        string relayName,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool fullInfrastructure = false,
        Action<SubscriptionBuilder<TestDbContext>>? subscribe = null,
        TimeProvider? clock = null)
    {
        var provider = BuildServices(relayName, settings, fullInfrastructure, subscribe, clock);
        _providers.Add(provider);
        return provider;
    }

    /// <summary>One subscription per test event, plus the scheduled-message handler.</summary>
    public static void DefaultSubscriptions(SubscriptionBuilder<TestDbContext> s) => s
        .Subscribe<ThingCounted, CountThingOnThingCounted>("test.count-thing")
        .Subscribe<ThingRenamed, RenameThingOnThingRenamed>("test.rename-thing")
        .Subscribe<ThingBroke, FailOnThingBroke>("test.fail-thing")
        .HandleScheduled<ThingDue, CountThingWhenDue>();

    private ServiceProvider BuildServices(
        string relayName,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool fullInfrastructure = false,
        Action<SubscriptionBuilder<TestDbContext>>? subscribe = null,
        TimeProvider? clock = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"ConnectionStrings:{ModuleDbContextRegistration.ConnectionStringName}"] = ConnectionString,
            ["Messaging:PollInterval"] = "00:00:00.100",
            ["Messaging:RetryBaseDelay"] = "00:00:00.050",
            ["Messaging:RetryMaxDelay"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics();
        services.AddSingleton(new RelayIdentity(relayName));
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddModuleDbContext<TestDbContext>(configuration, TestDbContext.SchemaName);
        if (fullInfrastructure)
        {
            services.AddBuildingBlocksInfrastructure();
        }
        else
        {
            services.AddMessaging();
        }

        services.AddSubscriptions(subscribe ?? DefaultSubscriptions);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Publishes <paramref name="events"/> in one <c>SaveChanges</c> (one transaction) of the test module.</summary>
    public static async Task PublishAsync(IServiceProvider services, params IntegrationEvent[] events)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        foreach (var integrationEvent in events)
        {
            db.Publish(integrationEvent);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A single value from the test database (plain Npgsql, outside the code under test).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Schedules <paramref name="messages"/> at <paramref name="dueAt"/> in one <c>SaveChanges</c> of the test module.</summary>
    public static async Task ScheduleAsync(IServiceProvider services, DateTimeOffset dueAt, params ScheduledMessage[] messages)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        foreach (var message in messages)
        {
            db.Schedule(message, dueAt);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The counter of <paramref name="thingId"/> (0 when no delivery was applied).</summary>
    public Task<int> CounterAsync(Guid thingId) =>
        ScalarAsync<int>("SELECT coalesce((SELECT value FROM msgtest.counters WHERE id = $1), 0)", thingId);

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_baseConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Waits for an eventual effect by polling (never a fixed sleep).</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout}: {what} (last value: {value})");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
