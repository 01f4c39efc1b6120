using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ModularShop.Modules.Checkout.Process;

/// <summary>
/// A session-level PostgreSQL advisory lock on one checkout, held by the connection of the context that took it until
/// disposed (or until that connection dies with a crashed host): at most one runner per checkout, on any instance.
/// </summary>
internal sealed class CheckoutLock : IAsyncDisposable
{
    private readonly DbContext _db;
    private readonly int _class;
    private readonly int _key;

    private CheckoutLock(DbContext db, int lockClass, int key)
    {
        _db = db;
        _class = lockClass;
        _key = key;
    }

    /// <summary>The lock, or null when another runner holds it.</summary>
    public static async Task<CheckoutLock?> TryTakeAsync(DbContext db, int lockClass, Guid checkoutId, CancellationToken cancellationToken)
    {
        var key = BitConverter.ToInt32(checkoutId.ToByteArray(), 0);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var taken = await ScalarAsync(db.Database.GetDbConnection(), "SELECT pg_try_advisory_lock(@c, @k)", lockClass, key, cancellationToken);
        if (taken)
        {
            return new CheckoutLock(db, lockClass, key);
        }

        await db.Database.CloseConnectionAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScalarAsync(_db.Database.GetDbConnection(), "SELECT pg_advisory_unlock(@c, @k)", _class, _key, CancellationToken.None);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> ScalarAsync(DbConnection connection, string sql, int lockClass, int key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var c = command.CreateParameter();
        c.ParameterName = "c";
        c.Value = lockClass;
        var k = command.CreateParameter();
        k.ParameterName = "k";
        k.Value = key;
        command.Parameters.Add(c);
        command.Parameters.Add(k);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
