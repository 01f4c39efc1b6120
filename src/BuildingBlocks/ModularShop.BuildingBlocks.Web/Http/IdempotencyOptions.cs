namespace ModularShop.BuildingBlocks.Web.Http;

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
