namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Where idempotency keys and the responses they produced are remembered (PostgreSQL in the host, see
/// <c>ModularShop.BuildingBlocks.Infrastructure.Idempotency</c>). Used by the <c>WithIdempotency()</c> filter only.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for a request with <paramref name="fingerprint"/> in one atomic step: a new
    /// key, an expired one or an in-flight one older than the in-flight timeout (same fingerprint) is claimed;
    /// otherwise the answer says what the key holds.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(IdempotencyKey key, byte[] fingerprint, CancellationToken cancellationToken);

    /// <summary>Stores the response of the work done under <paramref name="claimId"/> (no-op if the claim was taken over).</summary>
    Task CompleteAsync(IdempotencyKey key, Guid claimId, IdempotentResponse response, CancellationToken cancellationToken);

    /// <summary>Forgets the key (no-op if the claim was taken over), so that a retry runs the work.</summary>
    Task ReleaseAsync(IdempotencyKey key, Guid claimId, CancellationToken cancellationToken);
}

/// <summary>An <c>Idempotency-Key</c> value within its scope (<c>user:&lt;sub&gt;</c> or <c>client:&lt;address&gt;</c>).</summary>
public sealed record IdempotencyKey(string Scope, string Key);

/// <summary>A response as it is replayed: status, the headers that matter and the body bytes.</summary>
public sealed record IdempotentResponse(int StatusCode, string? ContentType, string? Location, string? ETag, byte[] Body);

public enum IdempotencyClaimOutcome
{
    /// <summary>This request owns the key now and must do the work (<see cref="IdempotencyClaim.ClaimId"/>).</summary>
    Claimed,

    /// <summary>Another request with the same body holds the key and has not finished.</summary>
    InFlight,

    /// <summary>The work was done; <see cref="IdempotencyClaim.Response"/> is its response.</summary>
    Completed,

    /// <summary>The key was used for a request with a different method, path, query or body.</summary>
    KeyReused,
}

public sealed record IdempotencyClaim(IdempotencyClaimOutcome Outcome, Guid ClaimId = default, IdempotentResponse? Response = null)
{
    public static IdempotencyClaim InFlight { get; } = new(IdempotencyClaimOutcome.InFlight);

    public static IdempotencyClaim KeyReused { get; } = new(IdempotencyClaimOutcome.KeyReused);

    public static IdempotencyClaim Claimed(Guid claimId) => new(IdempotencyClaimOutcome.Claimed, claimId);

    public static IdempotencyClaim Completed(IdempotentResponse response) => new(IdempotencyClaimOutcome.Completed, Response: response);
}

/// <summary>Settings of section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a key and its response are remembered after the first request (at least 24 h).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After this long an unfinished claim (e.g. of a crashed instance) may be taken over by a retry.</summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often expired keys are deleted.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromHours(1);
}
