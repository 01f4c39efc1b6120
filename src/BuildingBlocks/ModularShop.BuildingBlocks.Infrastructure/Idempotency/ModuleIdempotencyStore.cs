using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Http;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// <see cref="IIdempotencyStore"/> on the <c>idempotency_keys</c> table of <typeparamref name="TContext"/>'s schema,
/// through the request's own (scoped, possibly pooled) <typeparamref name="TContext"/> — the instance the handler
/// gets. A claim is one <c>INSERT … ON CONFLICT DO UPDATE … WHERE</c> that commits on its own (takes over expired keys
/// and, for the same fingerprint, in-flight claims older than <c>InFlightTimeout</c>); only when it did not win is the
/// row read. The work then runs in a transaction on the same context that also records the response
/// (<see cref="ModuleIdempotencyTransaction"/>). Times come from <see cref="TimeProvider"/>, not the database clock.
/// </summary>
internal sealed class ModuleIdempotencyStore<TContext>(
    TContext db,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    IdempotencyTestHooks? hooks = null) : IIdempotencyStore
    where TContext : ModuleDbContext
{
    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyKey key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("An idempotency claim must commit on its own, outside any transaction of the request's context.");
        }

        var settings = options.Value;
        var table = IdempotencySql.TableOf(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();

            // A row seen as taken may be released before it is read; then claim again (a few times at most).
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var now = clock.GetUtcNow();
                var claimId = Guid.NewGuid();
                await using (var claim = new NpgsqlCommand(IdempotencySql.Claim(table), connection))
                {
                    IdempotencySql.AddKey(claim, key);
                    claim.Parameters.AddWithValue("claim", claimId);
                    claim.Parameters.AddWithValue("fingerprint", fingerprint);
                    claim.Parameters.AddWithValue("now", now);
                    claim.Parameters.AddWithValue("expires", now + settings.Retention);
                    claim.Parameters.AddWithValue("stale", now - settings.InFlightTimeout);
                    if (await claim.ExecuteScalarAsync(cancellationToken) is Guid)
                    {
                        return IdempotencyClaim.Claimed(claimId);
                    }
                }

                await using var read = new NpgsqlCommand(IdempotencySql.Read(table), connection);
                IdempotencySql.AddKey(read, key);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    continue;
                }

                if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(fingerprint))
                {
                    return IdempotencyClaim.KeyReused;
                }

                if (!reader.GetBoolean(1))
                {
                    return IdempotencyClaim.InFlight;
                }

                return IdempotencyClaim.Completed(new IdempotentResponse(
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? [] : reader.GetFieldValue<byte[]>(6)));
            }

            return IdempotencyClaim.InFlight;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The request's transaction, begun lazily at the handler's first write (<see cref="ModuleDbContext.BeginsTransactionOnFirstWrite"/>)
    /// or, when the handler wrote nothing, by the record itself.
    /// </summary>
    public Task<IIdempotencyTransaction> BeginAsync(IdempotencyKey key, Guid claimId, CancellationToken cancellationToken)
    {
        db.BeginsTransactionOnFirstWrite = true;
        return Task.FromResult<IIdempotencyTransaction>(new ModuleIdempotencyTransaction(db, key, claimId, clock, hooks));
    }

    public async Task ReleaseAsync(IdempotencyKey key, Guid claimId, CancellationToken cancellationToken)
    {
        db.BeginsTransactionOnFirstWrite = false;
        if (db.Database.CurrentTransaction is { } leftover)
        {
            // Never delete the claim inside the work's transaction: the delete must commit even though the work did not.
            await leftover.DisposeAsync();
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(IdempotencySql.Release(IdempotencySql.TableOf(db)), (NpgsqlConnection)db.Database.GetDbConnection());
            IdempotencySql.AddKey(command, key);
            command.Parameters.AddWithValue("claim", claimId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
