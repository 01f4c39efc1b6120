using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ModularShop.BuildingBlocks.Kernel;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// Races for a unique value (a slug, a sku, an e-mail address): two requests both pass the handler's check, and the
/// unique index refuses the second save. The loser must answer what the check answers now — the domain error, the same
/// as for a request made after the winner — not a database message.
/// </summary>
public static class UniqueViolations
{
    /// <summary>Whether the save failed because a unique index refused a value.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// Saves. When a unique index refuses the save, forgets the unsaved changes (the save was rolled back — to its
    /// savepoint inside a transaction, which stays usable) and runs <paramref name="recheck"/> — the handler's own checks,
    /// which now see the winner's committed row — and returns its error. Rethrows when the checks find nothing (then the
    /// exception handler answers a generic 409).
    /// </summary>
    /// <returns>Null when saved; otherwise the error to answer.</returns>
    public static async Task<Error?> SaveChangesOrRecheckAsync(
        this DbContext db, Func<CancellationToken, Task<Error?>> recheck, CancellationToken cancellationToken)
    {
        // Inside a transaction whose automatic savepoints are off (one BeginOrJoinTransactionAsync began), set one: the
        // recheck must run in a transaction that is still usable.
        const string Savepoint = "before_unique_save";
        var manual = db.Database.CurrentTransaction is { } transaction && !db.Database.AutoSavepointsEnabled ? transaction : null;
        if (manual is not null)
        {
            await manual.CreateSavepointAsync(Savepoint, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            if (manual is not null)
            {
                await manual.RollbackToSavepointAsync(Savepoint, cancellationToken);
            }

            db.ChangeTracker.Clear();
            if (await recheck(cancellationToken) is { } error)
            {
                return error;
            }

            throw;
        }
    }
}
