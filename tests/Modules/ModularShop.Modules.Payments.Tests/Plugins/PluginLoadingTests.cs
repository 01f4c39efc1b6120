using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Plugins;

/// <summary>Decision 0012 through the running host: good plugins load beside broken ones, each broken one is skipped
/// with one log line and reported by readiness, and secrets never show.</summary>
public sealed class PluginLoadingTests(PluginShopFactory factory) : IClassFixture<PluginShopFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Providers_list_built_in_and_plugin_providers_and_nothing_broken_or_disabled()
    {
        var providers = await (await factory.CreateAnonymousClient().GetAsync(new Uri("/api/payments/providers", UriKind.Relative), Ct))
            .ReadJsonAsync<List<JsonObject>>();

        providers.Select(p => p["code"]!.GetValue<string>()).ShouldBe(["bank-transfer", "faulty", "test-card"]);
        var bank = providers.Single(p => p["code"]!.GetValue<string>() == "bank-transfer");
        bank["kind"]!.GetValue<string>().ShouldBe("offline");
        bank["name"]!.GetValue<string>().ShouldBe("Bank transfer");
    }

    [Fact]
    public async Task Readiness_is_degraded_naming_every_broken_folder_and_its_reason()
    {
        var ready = await factory.CreateAnonymousClient().GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        ready.StatusCode.ShouldBe(HttpStatusCode.OK); // degraded, not down: the shop still sells
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct));
        report.RootElement.GetProperty("status").GetString().ShouldBe("Degraded");
        var plugins = report.RootElement.GetProperty("checks").GetProperty("payment-plugins");
        plugins.GetProperty("status").GetString().ShouldBe("Degraded");
        var description = plugins.GetProperty("description").GetString()!;
        foreach (var (folder, reason) in PluginShopFactory.Broken)
        {
            description.ShouldContain($"payment plugin '{folder}' skipped: ", Case.Sensitive, folder);
            description.ShouldContain(reason, Case.Sensitive, folder);
        }

        description.ShouldNotContain("'bank-transfer' skipped");
        description.ShouldNotContain("'faulty' skipped");
        description.ShouldNotContain("'disabled'"); // switched off by configuration: not a fault
        report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Each_broken_folder_is_logged_once_with_its_reason_and_no_secret_anywhere()
    {
        // Readiness and the providers list were asked for too: neither may leak the secret either.
        var client = factory.CreateAnonymousClient();
        var bodies = await Task.WhenAll(
            client.GetStringAsync(new Uri("/health/ready", UriKind.Relative), Ct),
            client.GetStringAsync(new Uri("/api/payments/providers", UriKind.Relative), Ct));

        var skipped = factory.Log.Where(l => l.Contains("Payment plugin '", StringComparison.Ordinal) && l.Contains("' skipped: ", StringComparison.Ordinal)).ToList();
        foreach (var (folder, reason) in PluginShopFactory.Broken)
        {
            skipped.Count(l => l.Contains($"Payment plugin '{folder}' skipped: ", StringComparison.Ordinal)).ShouldBe(1, folder);
            skipped.Single(l => l.Contains($"'{folder}'", StringComparison.Ordinal)).ShouldContain(reason, Case.Sensitive, folder);
        }

        skipped.Count.ShouldBe(PluginShopFactory.Broken.Count);
        factory.Log.ShouldAllBe(l => !l.Contains(PluginShopFactory.FaultySecret));
        bodies.ShouldAllBe(b => !b.Contains(PluginShopFactory.FaultySecret));
    }

    [Fact]
    public void Each_plugin_lives_in_a_load_context_of_its_own_that_shares_the_sdk_with_the_host()
    {
        var contexts = System.Runtime.Loader.AssemblyLoadContext.All
            .Where(c => c.Assemblies.Any(a => a.GetName().Name is "ModularShop.Plugins.Payments.BankTransfer" or "ModularShop.Tests.Plugins.Faulty"))
            .ToList();

        contexts.ShouldNotContain(System.Runtime.Loader.AssemblyLoadContext.Default);
        contexts.Count.ShouldBeGreaterThanOrEqualTo(2); // one per loaded folder (broken folders that got this far too)
        // The SDK exists once, in the host's context: plugins see the host's IPaymentProvider type.
        System.Runtime.Loader.AssemblyLoadContext.All
            .SelectMany(c => c.Assemblies)
            .Count(a => a.GetName().Name == "ModularShop.Payments.Abstractions")
            .ShouldBe(1);
    }
}
