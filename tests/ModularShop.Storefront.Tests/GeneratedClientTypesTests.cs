using System.Diagnostics;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Storefront.Tests;

/// <summary>
/// The client script reads the shapes of the storefront's JSON endpoints from
/// <c>client/generated/storefront-api.d.ts</c>, which openapi-typescript generates from <c>/openapi/storefront.json</c>.
/// This regenerates it from the running host and fails on any difference, so a changed endpoint cannot leave the
/// client's types behind. To update the file: <c>UPDATE_STOREFRONT_TYPES=1</c> and run this test.
/// </summary>
public sealed class GeneratedClientTypesTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private static readonly string Root = FindRoot();

    private static string Committed => Path.Combine(Root, "src/Modules/Storefront/ModularShop.Modules.Storefront/client/generated/storefront-api.d.ts");

    private static string Generator => Path.Combine(Root, "eng/tools/node_modules/openapi-typescript/bin/cli.js");

    [Fact]
    public async Task The_committed_client_types_are_what_openapi_typescript_makes_of_the_storefront_document()
    {
        if (!File.Exists(Generator))
        {
            // CI installs the tools (eng/tools.sh) before the tests; without them there is nothing to compare with.
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", "eng/tools.sh has not installed openapi-typescript here.");
            Assert.Fail($"openapi-typescript is not installed ({Generator}); eng/tools.sh installs it.");
        }

        var document = await factory.CreateClient().GetStringAsync("/openapi/storefront.json", StorefrontShopper.Ct);
        var work = Directory.CreateTempSubdirectory("storefront-types-");
        try
        {
            var input = Path.Combine(work.FullName, "storefront.json");
            var output = Path.Combine(work.FullName, "storefront-api.d.ts");
            await File.WriteAllTextAsync(input, document, StorefrontShopper.Ct);

            using var node = Process.Start(new ProcessStartInfo("node", [Generator, input, "-o", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var errors = node.StandardError.ReadToEndAsync(StorefrontShopper.Ct);
            await node.StandardOutput.ReadToEndAsync(StorefrontShopper.Ct);
            await node.WaitForExitAsync(StorefrontShopper.Ct);
            node.ExitCode.ShouldBe(0, await errors);

            var fresh = Normalize(await File.ReadAllTextAsync(output, StorefrontShopper.Ct));
            if (Environment.GetEnvironmentVariable("UPDATE_STOREFRONT_TYPES") == "1")
            {
                await File.WriteAllTextAsync(Committed, fresh, StorefrontShopper.Ct);
            }

            Normalize(await File.ReadAllTextAsync(Committed, StorefrontShopper.Ct)).ShouldBe(
                fresh,
                "client/generated/storefront-api.d.ts is out of date: run this test with UPDATE_STOREFRONT_TYPES=1 and commit the file");
            fresh.ShouldContain("StorefrontCart: {"); // the shapes the client imports are there
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModularShop.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ModularShop.sln) is not above the test's folder.");
    }
}
