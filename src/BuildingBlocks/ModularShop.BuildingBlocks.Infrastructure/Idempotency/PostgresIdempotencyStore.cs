using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Web.Http;
using Npgsql;
using NpgsqlTypes;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// <see cref="IIdempotencyStore"/> on <c>idempotency.idempotency_keys</c>. A claim is one
/// <c>INSERT … ON CONFLICT DO UPDATE … WHERE</c> (takes over expired keys and, for the same fingerprint,
/// in-flight claims older than <c>InFlightTimeout</c>); only when it did not win is the row read.
/// Times come from <see cref="TimeProvider"/>, not the database clock.
/// </summary>
internal sealed class PostgresIdempotencyStore(ShopDataSource dataSource, TimeProvider clock, IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    private const string Table = $"{IdempotencyDbContext.SchemaName}.{IdempotencyDbContext.Table}";

    private const string ClaimSql = $"""
        INSERT INTO {Table} AS k (scope, key, claim_id, fingerprint, claimed_at, expires_at)
        VALUES (@scope, @key, @claim, @fingerprint, @now, @expires)
        ON CONFLICT (scope, key) DO UPDATE SET
            claim_id = excluded.claim_id, fingerprint = excluded.fingerprint, claimed_at = excluded.claimed_at,
            expires_at = excluded.expires_at, completed_at = NULL, status_code = NULL, content_type = NULL,
            location = NULL, etag = NULL, body = NULL
        WHERE k.expires_at <= @now
           OR (k.completed_at IS NULL AND k.claimed_at <= @stale AND k.fingerprint = excluded.fingerprint)
        RETURNING claim_id
        """;

    private const string ReadSql = $"""
        SELECT fingerprint, completed_at IS NOT NULL, status_code, content_type, location, etag, body
        FROM {Table} WHERE scope = @scope AND key = @key
        """;

    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyKey key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);

        // A row seen as taken may be released before it is read; then claim again (a few times at most).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            var claimId = Guid.NewGuid();
            await using (var claim = new NpgsqlCommand(ClaimSql, connection))
            {
                AddKey(claim, key);
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

            await using var read = new NpgsqlCommand(ReadSql, connection);
            AddKey(read, key);
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

    public async Task CompleteAsync(IdempotencyKey key, Guid claimId, IdempotentResponse response, CancellationToken cancellationToken)
    {
        await using var command = dataSource.Value.CreateCommand($"""
            UPDATE {Table} SET completed_at = @now, status_code = @status, content_type = @contentType,
                location = @location, etag = @etag, body = @body
            WHERE scope = @scope AND key = @key AND claim_id = @claim
            """);
        AddKey(command, key);
        command.Parameters.AddWithValue("claim", claimId);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("status", response.StatusCode);
        command.Parameters.Add(new NpgsqlParameter("contentType", NpgsqlDbType.Varchar) { Value = (object?)response.ContentType ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("location", NpgsqlDbType.Varchar) { Value = (object?)response.Location ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("etag", NpgsqlDbType.Varchar) { Value = (object?)response.ETag ?? DBNull.Value });
        command.Parameters.AddWithValue("body", response.Body);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(IdempotencyKey key, Guid claimId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.Value.CreateCommand($"DELETE FROM {Table} WHERE scope = @scope AND key = @key AND claim_id = @claim");
        AddKey(command, key);
        command.Parameters.AddWithValue("claim", claimId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes expired keys (and the in-flight rows of crashed requests, once expired); returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.Value.CreateCommand($"DELETE FROM {Table} WHERE expires_at <= @now");
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddKey(NpgsqlCommand command, IdempotencyKey key)
    {
        command.Parameters.AddWithValue("scope", key.Scope);
        command.Parameters.AddWithValue("key", key.Key);
    }
}
