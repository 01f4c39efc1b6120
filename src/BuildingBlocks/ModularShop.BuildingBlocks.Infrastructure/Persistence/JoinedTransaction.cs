using Microsoft.EntityFrameworkCore.Storage;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// A handler's view of a transaction it joined (<see cref="TransactionJoining.BeginOrJoinTransactionAsync"/>): the
/// statements run in <paramref name="ambient"/>, whose owner alone ends it; committing, rolling back or disposing
/// this view does nothing.
/// </summary>
internal sealed class JoinedTransaction(IDbContextTransaction ambient) : IDbContextTransaction
{
    public Guid TransactionId => ambient.TransactionId;

    public void Commit()
    {
    }

    public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Rollback()
    {
    }

    public Task RollbackAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
