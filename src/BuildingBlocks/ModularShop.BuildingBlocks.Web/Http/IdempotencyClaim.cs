namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>What claiming a key found: this request owns it, or what the key holds.</summary>
public sealed record IdempotencyClaim(IdempotencyClaimOutcome Outcome, Guid ClaimId = default, IdempotentResponse? Response = null)
{
    public static IdempotencyClaim InFlight { get; } = new(IdempotencyClaimOutcome.InFlight);

    public static IdempotencyClaim KeyReused { get; } = new(IdempotencyClaimOutcome.KeyReused);

    public static IdempotencyClaim Claimed(Guid claimId) => new(IdempotencyClaimOutcome.Claimed, claimId);

    public static IdempotencyClaim Completed(IdempotentResponse response) => new(IdempotencyClaimOutcome.Completed, Response: response);
}
