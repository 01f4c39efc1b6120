using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularShop.Bench.Messaging;
using ModularShop.BuildingBlocks.Infrastructure;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

// Messaging benchmark (eng/bench-messaging.sh, docs/benchmarks.md "Messaging (issue 4)").
//   (1) throughput: N events pre-filled in the outbox, then two relays (two service providers, as two host
//       instances would be) deliver them; events/s from the first to the last effect.
//   (2) latency: RATE events/s, one per transaction, for SECONDS, with two relays running (default settings:
//       1 s polling, so only LISTEN/NOTIFY can keep it low); commit -> effect per event.
// Environment: ConnectionStrings__Shop (an existing, empty database), BENCH_EVENTS (20000),
// BENCH_RATE (100), BENCH_SECONDS (20), BENCH_RELAYS (2).
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Shop")
    ?? throw new InvalidOperationException("ConnectionStrings__Shop is not set.");
var events = IntFromEnvironment("BENCH_EVENTS", 20_000);
var rate = IntFromEnvironment("BENCH_RATE", 100);
var seconds = IntFromEnvironment("BENCH_SECONDS", 20);
var relayCount = IntFromEnvironment("BENCH_RELAYS", 2);
var invariant = CultureInfo.InvariantCulture;

await using (var setup = Services("setup"))
{
    await using var scope = setup.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
}

// ---- (1) throughput ----------------------------------------------------------------------------
await ResetAsync();
var publisher = Services("publisher");
var fill = Stopwatch.StartNew();
const int FillBatch = 1_000;
for (var i = 0; i < events; i += FillBatch)
{
    await using var scope = publisher.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
    for (var j = i; j < Math.Min(events, i + FillBatch); j++)
    {
        db.Publish(new ThingHappened(j));
    }

    await db.SaveChangesAsync();
}

Console.Error.WriteLine($"[bench] pre-filled {events} events in {fill.Elapsed.TotalSeconds:F1} s; starting {relayCount} relays");
var relays = Enumerable.Range(1, relayCount).Select(n => Services($"relay-{n}")).ToList();
var wall = Stopwatch.StartNew();
foreach (var relay in relays)
{
    await relay.GetRequiredService<MessagePump>().StartAsync(CancellationToken.None);
}

await WaitForAsync(events, TimeSpan.FromMinutes(5));
wall.Stop();
var (span, perRelay) = await ThroughputAsync();
var throughput = events / span.TotalSeconds;
var wallThroughput = events / wall.Elapsed.TotalSeconds;
await StopAsync(relays);

// ---- (2) latency ---------------------------------------------------------------------------------
await ResetAsync();
relays = Enumerable.Range(1, relayCount).Select(n => Services($"relay-{n}")).ToList();
foreach (var relay in relays)
{
    await relay.GetRequiredService<MessagePump>().StartAsync(CancellationToken.None);
}

var total = rate * seconds;
Console.Error.WriteLine($"[bench] latency: {rate} events/s for {seconds} s ({total} events, one per transaction)");
var clock = Stopwatch.StartNew();
var late = 0;
for (var i = 0; i < total; i++)
{
    var due = TimeSpan.FromSeconds((double)i / rate);
    var wait = due - clock.Elapsed;
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait);
    }
    else if (wait < TimeSpan.FromMilliseconds(-50))
    {
        late++;
    }

    await using var scope = publisher.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
    db.Publish(new ThingHappened(i) { OccurredAt = DateTimeOffset.UtcNow });
    await db.SaveChangesAsync();
}

var publishSeconds = clock.Elapsed.TotalSeconds;
await WaitForAsync(total, TimeSpan.FromMinutes(2));
var latency = await LatencyAsync();
await StopAsync(relays);
await publisher.DisposeAsync();

// ---- report --------------------------------------------------------------------------------------
Console.WriteLine(string.Create(invariant, $"BENCH throughput_eps {throughput:F0}"));
Console.WriteLine(string.Create(invariant, $"BENCH throughput_wall_eps {wallThroughput:F0}"));
Console.WriteLine(string.Create(invariant, $"BENCH throughput_events {events}"));
Console.WriteLine(string.Create(invariant, $"BENCH throughput_per_relay {string.Join(",", perRelay)}"));
Console.WriteLine(string.Create(invariant, $"BENCH latency_events {total}"));
Console.WriteLine(string.Create(invariant, $"BENCH latency_rate_achieved {total / publishSeconds:F1}"));
Console.WriteLine(string.Create(invariant, $"BENCH latency_late_publishes {late}"));
Console.WriteLine(string.Create(invariant, $"BENCH latency_p50_ms {latency[0]:F1}"));
Console.WriteLine(string.Create(invariant, $"BENCH latency_p95_ms {latency[1]:F1}"));
Console.WriteLine(string.Create(invariant, $"BENCH latency_p99_ms {latency[2]:F1}"));
Console.WriteLine(string.Create(invariant, $"BENCH latency_max_ms {latency[3]:F1}"));
return 0;

ServiceProvider Services(string name)
{
    var configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Shop"] = connectionString })
        .AddEnvironmentVariables()
        .Build();
    var services = new ServiceCollection();
    services.AddSingleton<IConfiguration>(configuration);
    services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error));
    services.AddMetrics();
    services.AddSingleton(new RelayIdentity(name));
    services.AddModuleDbContext<BenchDbContext>(configuration, BenchDbContext.SchemaName);
    services.AddMessaging();
    services.AddSubscriptions<BenchDbContext>(s => s.Subscribe<ThingHappened, RecordEffectOnThingHappened>("bench.record-effect"));
    return services.BuildServiceProvider();
}

async Task ResetAsync()
{
    await ExecuteAsync("TRUNCATE msgbench.outbox_messages, msgbench.inbox_messages, msgbench.effects");
    await ExecuteAsync("CHECKPOINT");
}

async Task WaitForAsync(long expected, TimeSpan timeout)
{
    var deadline = Stopwatch.StartNew();
    while (await ScalarAsync<long>("SELECT count(*) FROM msgbench.effects") < expected)
    {
        if (deadline.Elapsed > timeout)
        {
            throw new TimeoutException($"Not every effect within {timeout}.");
        }

        await Task.Delay(5);
    }

    var pending = await ScalarAsync<long>("SELECT count(*) FROM msgbench.outbox_messages WHERE processed_at IS NULL");
    var wrong = await ScalarAsync<long>("SELECT count(*) FROM msgbench.outbox_messages WHERE attempts > 0 OR dead_at IS NOT NULL");
    var inbox = await ScalarAsync<long>("SELECT count(*) FROM msgbench.inbox_messages");
    if (wrong != 0 || inbox != expected)
    {
        throw new InvalidOperationException($"Delivery check failed: {wrong} rows with failures, {inbox} inbox rows for {expected} events.");
    }

    Console.Error.WriteLine($"[bench] {expected} effects, {inbox} inbox rows; {pending} outbox rows not yet marked delivered");
}

async Task<(TimeSpan Span, List<string> PerRelay)> ThroughputAsync()
{
    var microseconds = await ScalarAsync<decimal>(
        "SELECT extract(epoch FROM max(applied_at) - min(applied_at)) * 1000000 FROM msgbench.effects");
    var perRelay = new List<string>();
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT relay, count(*) FROM msgbench.effects GROUP BY relay ORDER BY relay", connection);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        perRelay.Add($"{reader.GetString(0)}={reader.GetInt64(1)}");
    }

    return (TimeSpan.FromMicroseconds((double)microseconds), perRelay);
}

async Task<double[]> LatencyAsync()
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        """
        SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99, 1.0]) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - occurred_at) * 1000)
        FROM msgbench.effects
        """, connection);
    return (double[])(await command.ExecuteScalarAsync())!;
}

async Task StopAsync(List<ServiceProvider> providers)
{
    foreach (var provider in providers)
    {
        await provider.GetRequiredService<MessagePump>().StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
    }
}

async Task ExecuteAsync(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return (T)(await command.ExecuteScalarAsync())!;
}

static int IntFromEnvironment(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
