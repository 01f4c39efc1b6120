namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Where idempotency keys and the responses they produced are remembered, per request: in the PostgreSQL schema of
/// the endpoint's module, in the same transaction as the handler's effect (<c>WithIdempotency&lt;TContext&gt;()</c> in
/// <c>ModularShop.BuildingBlocks.Infrastructure.Idempotency</c>). Used by the idempotency filter only.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for a request with <paramref name="fingerprint"/> in one atomic statement that
    /// commits on its own: a new key, an expired one or an in-flight one older than the in-flight timeout (same
    /// fingerprint) is claimed; otherwise the answer says what the key holds.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(IdempotencyKey key, byte[] fingerprint, CancellationToken cancellationToken);

    /// <summary>
    /// Begins the transaction the handler's work runs in (the request's own DbContext, which the handler gets too);
    /// the response is recorded in it (<see cref="IIdempotencyTransaction.RecordAsync"/>) and committed with the work.
    /// </summary>
    Task<IIdempotencyTransaction> BeginAsync(IdempotencyKey key, Guid claimId, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the key (no-op if the claim was taken over), so that a retry runs the work. Only after the work's
    /// transaction was rolled back.
    /// </summary>
    Task ReleaseAsync(IdempotencyKey key, Guid claimId, CancellationToken cancellationToken);
}
