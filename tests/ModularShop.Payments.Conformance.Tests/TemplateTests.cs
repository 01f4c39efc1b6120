using System.Diagnostics;
using Shouldly;
using Xunit;

namespace ModularShop.Payments.Conformance.Tests;

/// <summary>Issue 13 → Templates: <c>dotnet new modularshop-payment-plugin</c> creates a plugin and its conformance tests
/// that are green out of the box (<c>eng/template-check.sh</c>: pack the SDK and the kit, install the template in a
/// private hive, create, test, publish).</summary>
public sealed class TemplateTests
{
    [Fact]
    public async Task The_template_creates_a_plugin_that_passes_the_conformance_kit_and_publishes_as_a_plugin_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "eng", "template-check.sh")])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var check = Process.Start(start)!;

        // Cancelled (a test run stopped): take the script's host and PostgreSQL down with it.
        await using var stop = ct.Register(() => check.Kill(entireProcessTree: true));
        var output = check.StandardOutput.ReadToEndAsync(ct);
        var errors = check.StandardError.ReadToEndAsync(ct);
        await check.WaitForExitAsync(ct);
        var log = await errors + await output;

        check.ExitCode.ShouldBe(0, log);
        log.ShouldContain("succeeded: 8");
        log.ShouldContain("PASS: the template's plugin builds, passes the conformance kit and publishes as a plugin folder");
    }

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
