namespace ModularShop.BuildingBlocks.Web.Http;

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
