using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModularShop.Modules.Payments.Providers.Plugins;

/// <summary><c>/health/ready</c>: Degraded (the shop still serves) while a payment plugin folder was skipped, with the
/// reasons the start-up log gave.</summary>
internal sealed class PaymentPluginsHealthCheck(PaymentProviders providers, PaymentPluginCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        _ = providers; // created: every plugin has been tried
        var failures = catalog.Failures.OrderBy(f => f.Folder, StringComparer.Ordinal).ToList();
        if (failures.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{providers.All.Count} payment providers"));
        }

        var description = string.Join("; ", failures.Select(f => $"payment plugin '{f.Folder}' skipped: {f.Reason}"));
        var data = failures.ToDictionary(f => f.Folder, f => (object)f.Reason, StringComparer.Ordinal);
        return Task.FromResult(HealthCheckResult.Degraded(description, data: data));
    }
}
