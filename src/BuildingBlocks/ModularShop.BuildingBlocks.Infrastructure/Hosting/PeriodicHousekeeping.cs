using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ModularShop.BuildingBlocks.Infrastructure.Hosting;

/// <summary>
/// Clean-up that runs at start-up and then every <see cref="Interval"/> on the <see cref="TimeProvider"/> (a fake
/// clock in tests moves it), in every host instance — so the work must be idempotent (deletes of what has
/// expired). A failed run is logged and tried again at the next tick; it never stops the host.
/// </summary>
public abstract class PeriodicHousekeeping(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock the runs are timed by; use it for "now" in <see cref="RunOnceAsync"/> too.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>How long between two runs (a timer waits at most about 49 days).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One run; returns what it did for the log (e.g. "deleted 3 expired keys"), or null when it did nothing.</summary>
    protected abstract Task<string?> RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        var name = GetType().Name;
        using var timer = new PeriodicTimer(interval, Clock);
        do
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) is { } done)
                {
                    logger.LogInformation("{Housekeeping}: {Done}", name, done);
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Housekeeping} failed; next try in {Interval}", name, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
