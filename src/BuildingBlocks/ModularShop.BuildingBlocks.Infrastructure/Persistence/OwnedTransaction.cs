using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// A transaction <see cref="TransactionJoining.BeginOrJoinTransactionAsync"/> began for its caller: while it is open,
/// <c>SaveChanges</c> sets no automatic savepoint (the caller rolls the whole transaction back on a failure); disposing it
/// restores the context's setting (pooled contexts are reused).
/// </summary>
internal sealed class OwnedTransaction : IDbContextTransaction
{
    private readonly DatabaseFacade _database;
    private readonly IDbContextTransaction _transaction;
    private readonly bool _savepoints;

    public OwnedTransaction(DatabaseFacade database, IDbContextTransaction transaction)
    {
        _database = database;
        _transaction = transaction;
        _savepoints = database.AutoSavepointsEnabled;
        database.AutoSavepointsEnabled = false;
    }

    public Guid TransactionId => _transaction.TransactionId;

    public void Commit() => _transaction.Commit();

    public Task CommitAsync(CancellationToken cancellationToken = default) => _transaction.CommitAsync(cancellationToken);

    public void Rollback() => _transaction.Rollback();

    public Task RollbackAsync(CancellationToken cancellationToken = default) => _transaction.RollbackAsync(cancellationToken);

    public void Dispose()
    {
        _database.AutoSavepointsEnabled = _savepoints;
        _transaction.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _database.AutoSavepointsEnabled = _savepoints;
        await _transaction.DisposeAsync();
    }
}
