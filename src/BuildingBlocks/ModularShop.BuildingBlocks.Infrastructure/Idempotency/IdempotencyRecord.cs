namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> in a module's <c>idempotency_keys</c> table: in flight while <see cref="CompletedAt"/>
/// is null, then the response of the work that committed with it.
/// </summary>
internal sealed class IdempotencyRecord
{
    public required string Scope { get; init; }

    public required string Key { get; init; }

    /// <summary>Which request holds the key; completion and release only touch their own claim.</summary>
    public Guid ClaimId { get; init; }

    public required byte[] Fingerprint { get; init; }

    public DateTimeOffset ClaimedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public int? StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public byte[]? Body { get; init; }
}
