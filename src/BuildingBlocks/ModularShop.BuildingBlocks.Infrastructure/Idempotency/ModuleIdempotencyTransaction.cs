using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Http;
using Npgsql;
using NpgsqlTypes;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// The transaction an idempotent request's handler runs in: the ambient transaction of the request's module
/// context, which handlers join (<see cref="TransactionJoining.BeginOrJoinTransactionAsync"/>). It begins at the
/// handler's first write (or at the record, for a handler that wrote nothing), so no connection is held before.
/// Completing it records the response under this request's claim with an <c>UPDATE … WHERE claim_id = @mine</c> in
/// that transaction, and commits work and record together; if the claim was taken over meanwhile, the filter rolls
/// everything back instead.
/// </summary>
internal sealed class ModuleIdempotencyTransaction(
    ModuleDbContext db,
    IdempotencyKey key,
    Guid claimId,
    TimeProvider clock,
    IdempotencyTestHooks? hooks) : IIdempotencyTransaction
{
    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    public async Task<bool> RecordAsync(IdempotentResponse response)
    {
        await db.BeginPendingTransactionAsync(CancellationToken.None);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The idempotent request's transaction ended before its response was recorded.");
        await using var command = new NpgsqlCommand(IdempotencySql.Record(IdempotencySql.TableOf(db)), Connection);
        command.Transaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        IdempotencySql.AddKey(command, key);
        command.Parameters.AddWithValue("claim", claimId);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("status", response.StatusCode);
        command.Parameters.Add(new NpgsqlParameter("contentType", NpgsqlDbType.Varchar) { Value = (object?)response.ContentType ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("location", NpgsqlDbType.Varchar) { Value = (object?)response.Location ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("etag", NpgsqlDbType.Varchar) { Value = (object?)response.ETag ?? DBNull.Value });
        command.Parameters.AddWithValue("body", response.Body);

        // Zero rows: a retry took the claim over (this request looked crashed). The row lock taken here keeps a
        // takeover waiting until this transaction ends, so it then sees the record (or, after a rollback, none).
        return await command.ExecuteNonQueryAsync(CancellationToken.None) == 1;
    }

    public async Task CommitAsync()
    {
        if (hooks?.BeforeCommit is { } beforeCommit)
        {
            await beforeCommit(key, Connection);
        }

        await (db.Database.CurrentTransaction ?? throw new InvalidOperationException("No transaction to commit."))
            .CommitAsync(CancellationToken.None);

        if (hooks?.AfterCommit is { } afterCommit)
        {
            await afterCommit(key, Connection);
        }
    }

    public Task RollbackAsync() => db.Database.CurrentTransaction?.RollbackAsync(CancellationToken.None) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        db.BeginsTransactionOnFirstWrite = false;
        if (db.Database.CurrentTransaction is { } transaction)
        {
            await transaction.DisposeAsync();
        }
    }
}
