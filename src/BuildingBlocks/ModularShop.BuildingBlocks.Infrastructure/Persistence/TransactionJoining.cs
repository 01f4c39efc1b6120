using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

public static class TransactionJoining
{
    /// <summary>
    /// A transaction for a change, or the one already running on this context. An idempotent endpoint
    /// (<c>WithIdempotency&lt;TContext&gt;()</c>) runs its handler inside a transaction that also records the response;
    /// a handler that needs a transaction of its own (row locks, several statements) joins it with
    /// <c>await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct)</c>.
    /// <para>
    /// Joined, the returned transaction's <c>Commit</c>, <c>Rollback</c> and <c>Dispose</c> do nothing: the owner of
    /// the ambient transaction commits or rolls back everything. So check first and write last: a handler that
    /// wrote and then returns a failure cannot undo its writes through this transaction (an exception still rolls
    /// everything back). Not joined, it is a normal transaction, exactly as <c>BeginTransactionAsync</c>, except that
    /// <c>SaveChanges</c> inside it sets no savepoint (EF's default in a transaction it did not begin: a <c>SAVEPOINT</c> and
    /// a <c>RELEASE</c> round trip per save), since the caller owns it and rolls all of it back on a failure. A save
    /// that must survive its own failure uses <see cref="UniqueViolations.SaveChangesOrRecheckAsync"/>, which sets one.
    /// </para>
    /// </summary>
    public static async Task<IDbContextTransaction> BeginOrJoinTransactionAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (database.GetService<ICurrentDbContext>().Context is ModuleDbContext module)
        {
            // An idempotent request's transaction begins at the first write: this is one.
            await module.BeginPendingTransactionAsync(cancellationToken);
        }

        return database.CurrentTransaction is { } ambient
            ? new JoinedTransaction(ambient)
            : new OwnedTransaction(database, await database.BeginTransactionAsync(cancellationToken));
    }
}
