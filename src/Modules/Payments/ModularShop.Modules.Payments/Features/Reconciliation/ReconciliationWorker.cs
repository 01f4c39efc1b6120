using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModularShop.Modules.Payments.Features.Reconciliation;

/// <summary>Runs <see cref="PaymentReconciler"/> every <see cref="ReconciliationOptions.Interval"/> on the shop's clock.</summary>
internal sealed partial class ReconciliationWorker(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<ReconciliationOptions> options,
    ILogger<ReconciliationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<PaymentReconciler>().RunOnceAsync(stoppingToken);
                if (report.Asked > 0 || report.Unmatched > 0)
                {
                    LogRun(report.Asked, report.Moved, report.Unmatched);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e); // the database may be away for a moment: try again next interval
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation: {Asked} waiting payments looked up, {Moved} moved; {Unmatched} captured payments without an order flagged")]
    private partial void LogRun(int asked, int moved, int unmatched);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation run failed; next run in one interval")]
    private partial void LogFailed(Exception exception);
}
