using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Web.Http;

namespace ModularShop.Testing;

/// <summary>
/// The host on a clock the test moves, with idempotency test hooks through which a test makes one request with a
/// given <c>Idempotency-Key</c> crash just before or just after the commit of its work (<see cref="CrashAt"/>).
/// </summary>
public class CrashableShopFactory : ShopFactory
{
    private readonly ConcurrentDictionary<(CrashPoint, string), SimulatedCrash> _armed = new();

    public CrashableShopFactory() => UseFakeClock();

    /// <summary>The default <c>Idempotency:InFlightTimeout</c>: after it a retry may take a crashed request's key over.</summary>
    public static TimeSpan InFlightTimeout => TimeSpan.FromMinutes(1);

    /// <summary>The next request with <paramref name="idempotencyKey"/> that reaches <paramref name="point"/> crashes there (once).</summary>
    public SimulatedCrash CrashAt(CrashPoint point, string idempotencyKey)
    {
        var crash = new SimulatedCrash(point, idempotencyKey);
        if (!_armed.TryAdd((point, idempotencyKey), crash))
        {
            throw new InvalidOperationException($"A crash {point} is already armed for key {idempotencyKey}.");
        }

        return crash;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new IdempotencyTestHooks
        {
            BeforeCommit = (key, connection) => OnHookAsync(CrashPoint.BeforeCommit, key, connection),
            AfterCommit = (key, connection) => OnHookAsync(CrashPoint.AfterCommit, key, connection),
        }));
    }

    private Task OnHookAsync(CrashPoint point, IdempotencyKey key, DbConnection connection) =>
        _armed.TryRemove((point, key.Key), out var crash) ? crash.StopHereAsync(connection) : Task.CompletedTask;
}
