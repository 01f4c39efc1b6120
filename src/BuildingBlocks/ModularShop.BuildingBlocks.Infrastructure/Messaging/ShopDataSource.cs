using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>The host's one <see cref="NpgsqlDataSource"/> for infrastructure that talks to PostgreSQL directly.</summary>
public sealed class ShopDataSource(string connectionString) : IDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(connectionString));

    public NpgsqlDataSource Value => _dataSource.Value;

    public void Dispose()
    {
        if (_dataSource.IsValueCreated)
        {
            _dataSource.Value.Dispose();
        }
    }
}
