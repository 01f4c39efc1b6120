using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Http;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>The statements on a module's <c>idempotency_keys</c> table (columns as <see cref="IdempotencyModel"/> maps them).</summary>
internal static class IdempotencySql
{
    /// <summary>The schema-qualified table of <paramref name="db"/>'s schema, as its model maps it.</summary>
    public static string TableOf(ModuleDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(IdempotencyRecord))
            ?? throw new InvalidOperationException($"{db.GetType().Name} does not map the idempotency table (ModuleDbContext.OnModelCreating calls MapIdempotency).");
        return $"\"{entity.GetSchema() ?? db.Schema}\".\"{entity.GetTableName()}\"";
    }

    /// <summary>
    /// Inserts a new key, or takes over an expired one or an in-flight one of the same fingerprint older than
    /// <c>@stale</c>; returns the claim id only when this statement won.
    /// </summary>
    public static string Claim(string table) => $"""
        INSERT INTO {table} AS k (scope, key, claim_id, fingerprint, claimed_at, expires_at)
        VALUES (@scope, @key, @claim, @fingerprint, @now, @expires)
        ON CONFLICT (scope, key) DO UPDATE SET
            claim_id = excluded.claim_id, fingerprint = excluded.fingerprint, claimed_at = excluded.claimed_at,
            expires_at = excluded.expires_at, completed_at = NULL, status_code = NULL, content_type = NULL,
            location = NULL, etag = NULL, body = NULL
        WHERE k.expires_at <= @now
           OR (k.completed_at IS NULL AND k.claimed_at <= @stale AND k.fingerprint = excluded.fingerprint)
        RETURNING claim_id
        """;

    public static string Read(string table) => $"""
        SELECT fingerprint, completed_at IS NOT NULL, status_code, content_type, location, etag, body
        FROM {table} WHERE scope = @scope AND key = @key
        """;

    /// <summary>Records the response, only while the claim is still this request's.</summary>
    public static string Record(string table) => $"""
        UPDATE {table} SET completed_at = @now, status_code = @status, content_type = @contentType,
            location = @location, etag = @etag, body = @body
        WHERE scope = @scope AND key = @key AND claim_id = @claim
        """;

    public static string Release(string table) => $"DELETE FROM {table} WHERE scope = @scope AND key = @key AND claim_id = @claim";

    public static void AddKey(NpgsqlCommand command, IdempotencyKey key)
    {
        command.Parameters.AddWithValue("scope", key.Scope);
        command.Parameters.AddWithValue("key", key.Key);
    }
}
