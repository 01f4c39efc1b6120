using System.Diagnostics;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests;

/// <summary>
/// Issue 13 → "Proven end to end": runs <c>eng/plugin-drill.sh</c> — the host published once, the hosted-page plugin
/// published on its own into a plugins folder, a checkout through the plugin in the published host, then broken
/// plugins beside it — against a fresh database of the test server. It publishes what this test run already built
/// (Debug, <c>--no-build</c>), so it costs seconds, not a second build.
/// </summary>
public sealed class PluginDrillTests
{
    [Fact]
    public async Task A_plugin_published_on_its_own_runs_in_the_published_host_and_broken_ones_beside_it_are_reported()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = Environment.GetEnvironmentVariable(ShopFactory.BaseConnectionStringVariable)
            ?? throw new InvalidOperationException($"{ShopFactory.BaseConnectionStringVariable} is not set (eng/test.sh sets it).");
        var database = $"plugin_drill_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        try
        {
            var root = RepositoryRoot();
            var start = new ProcessStartInfo("bash", [Path.Combine(root, "eng", "plugin-drill.sh")])
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["PLUGIN_DRILL_DATABASE"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            start.Environment["PLUGIN_DRILL_CONFIGURATION"] = BuildConfiguration;
            start.Environment["PLUGIN_DRILL_NO_BUILD"] = "1";
            using var drill = Process.Start(start)!;

            // Cancelled (a test run stopped): take the script's host and PostgreSQL down with it.
            await using var stop = ct.Register(() => drill.Kill(entireProcessTree: true));
            var output = drill.StandardOutput.ReadToEndAsync(ct);
            var errors = drill.StandardError.ReadToEndAsync(ct);
            await drill.WaitForExitAsync(ct);
            var log = await errors + await output;

            drill.ExitCode.ShouldBe(0, log);
            log.ShouldContain("ok: providers list the plugin beside the built-in test card");
            log.ShouldContain("ok: the order is Paid");
            log.ShouldContain("ok: the host started and still lists: hosted-page,test-card");
            log.ShouldContain("'broken-future-sdk' skipped: built against SDK 2.0.0");
            log.ShouldContain("PASS:");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModularShop.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ModularShop.sln not found above " + AppContext.BaseDirectory);
    }
}
