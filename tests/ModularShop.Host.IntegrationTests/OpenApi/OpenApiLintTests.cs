using System.Diagnostics;
using System.Text.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.OpenApi;

/// <summary>
/// Spectral's <c>spectral:oas</c> ruleset (pinned in <c>eng/tools/package.json</c>, installed by <c>eng/tools.sh</c>,
/// which <c>eng/test.sh</c> runs) reports no error on <c>/openapi/v1.json</c>. Warnings are listed in the test output.
/// In CI a missing Spectral fails the test; elsewhere the test installs it, and skips only if that is impossible.
/// </summary>
public sealed class OpenApiLintTests(ShopFactory shop) : IClassFixture<ShopFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spectral_finds_no_error_in_the_OpenAPI_document()
    {
        var spectral = await FindSpectralAsync();
        using var client = shop.CreateAnonymousClient();
        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        var file = Path.Combine(Path.GetTempPath(), $"modularshop-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document, Ct);
        try
        {
            var (exitCode, output, errors) = await RunAsync(
                spectral, ["lint", file, "--ruleset", Path.Combine(Tools, "spectral.yaml"), "--format", "json", "--quiet"]);
            var start = output.IndexOf('[', StringComparison.Ordinal);
            start.ShouldBeGreaterThanOrEqualTo(0, $"Spectral printed no JSON (exit code {exitCode}): {output}{errors}");

            using var results = JsonDocument.Parse(output[start..]);
            var findings = results.RootElement.EnumerateArray()
                .Select(r => (
                    Severity: r.GetProperty("severity").GetInt32(),
                    Text: $"{r.GetProperty("code")} at {string.Join('.', r.GetProperty("path").EnumerateArray())}: {r.GetProperty("message").GetString()}"))
                .ToList();
            var log = TestContext.Current.TestOutputHelper;
            foreach (var finding in findings)
            {
                log?.WriteLine($"{(finding.Severity == 0 ? "error" : finding.Severity == 1 ? "warning" : "info")}: {finding.Text}");
            }

            findings.Where(f => f.Severity == 0).Select(f => f.Text).ShouldBeEmpty("spectral:oas errors in /openapi/v1.json");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Tools => Path.Combine(RepositoryRoot(), "eng", "tools");

    private static async Task<string> FindSpectralAsync()
    {
        var spectral = Path.Combine(Tools, "node_modules", ".bin", "spectral");
        if (File.Exists(spectral))
        {
            return spectral;
        }

        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (inCi)
        {
            Assert.Fail($"Spectral is not installed at {spectral}: eng/test.sh runs eng/tools.sh, which installs it (see its output).");
        }

        var (exitCode, output, errors) = await RunAsync("bash", [Path.Combine(RepositoryRoot(), "eng", "tools.sh")]);
        if (!File.Exists(spectral))
        {
            Assert.Skip($"Spectral could not be installed here (eng/tools.sh exit code {exitCode}): {output}{errors}");
        }

        return spectral;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ModularShop.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ModularShop.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }
}
