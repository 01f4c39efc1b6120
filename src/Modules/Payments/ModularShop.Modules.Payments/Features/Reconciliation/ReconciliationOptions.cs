namespace ModularShop.Modules.Payments.Features.Reconciliation;

/// <summary><c>Payments:Reconciliation</c>: the periodic job that catches what webhooks missed.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Payments:Reconciliation";

    /// <summary>Run the job in this instance (any number of instances may).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often it runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A <c>Pending</c> or <c>RequiresAction</c> payment unchanged for this long is looked up at its provider.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A captured payment whose order does not exist after this long is flagged. Keep it well above
    /// <c>Checkout:ResumeAfter</c> (at most 1 hour), after which an interrupted checkout places its order.</summary>
    public TimeSpan UnmatchedAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>At most this many payments of each kind per run.</summary>
    public int BatchSize { get; set; } = 100;

    public IEnumerable<string> Validate()
    {
        if (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromDays(1))
        {
            yield return "Interval must be between 1 second and 1 day.";
        }

        if (StuckAfter < TimeSpan.FromMinutes(1))
        {
            yield return "StuckAfter must be at least 1 minute.";
        }

        if (UnmatchedAfter < TimeSpan.FromMinutes(1))
        {
            yield return "UnmatchedAfter must be at least 1 minute.";
        }

        if (BatchSize is < 1 or > 10_000)
        {
            yield return "BatchSize must be between 1 and 10000.";
        }
    }
}
