using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ModularShop.Modules.Payments.Providers;

/// <summary>Creates <see cref="PaymentProviders"/> when the host starts, so plugin problems are logged (and reported by
/// <c>/health/ready</c>) at start-up, not at the first payment.</summary>
internal sealed class PaymentProvidersStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PaymentProviders>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
