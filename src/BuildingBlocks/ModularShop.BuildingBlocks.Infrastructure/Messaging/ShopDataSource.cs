using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// The host's one <see cref="NpgsqlDataSource"/> for infrastructure that talks to PostgreSQL directly (the relay, the
/// inbox's failure records, health checks), tuned as the module contexts are (no reset on close, auto-prepared
/// statements: the relay's few statement shapes run for every event). Session state such as <c>LISTEN</c> lives on
/// a connection of its own, outside the pool (<see cref="OpenListenerAsync"/>).
/// </summary>
public sealed class ShopDataSource(string connectionString) : IDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(ModuleDbContextRegistration.Tune(connectionString)));

    public NpgsqlDataSource Value => _dataSource.Value;

    /// <summary>An open connection outside the pool, for a session that keeps state (<c>LISTEN</c>); dispose it to close it.</summary>
    public async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        if (_dataSource.IsValueCreated)
        {
            _dataSource.Value.Dispose();
        }
    }
}
