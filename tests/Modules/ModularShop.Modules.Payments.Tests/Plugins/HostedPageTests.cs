using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ModularShop.Modules.Checkout.Tests.Http;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Plugins;

/// <summary>The host with the sample redirect plugin (hosted-page) in its plugins folder.</summary>
public sealed class HostedPageShopFactory : ShopFactory
{
    public const string Secret = "hp_whsec_sample_plugin_secret_0001";
    public const string OldSecret = "hp_whsec_sample_plugin_secret_old0";

    private readonly PluginFolders _folders = new();

    public HostedPageShopFactory() => _folders.Add("hosted-page", "hosted-page");

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Payments:PluginsPath"] = _folders.Path;
        settings["Payments:Providers:hosted-page:WebhookSecret"] = Secret;
        settings["Payments:Providers:hosted-page:PreviousWebhookSecrets:0"] = OldSecret;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folders.Dispose();
    }
}

/// <summary>The redirect sample through a purchase, its own webhook signature scheme, and its own FluentValidation.</summary>
public sealed class HostedPageTests(HostedPageShopFactory factory) : IClassFixture<HostedPageShopFactory>
{
    private readonly CheckoutDriver _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, OrderDto Order)> PlaceAsync()
    {
        var product = await _shop.CreateProductAsync(price: 25m, stock: 4);
        var (client, _) = _shop.NewCustomer();
        var cart = await _shop.CartWithAsync(client, (product, 1));
        var body = CheckoutDriver.Body(cart.Id);
        body["payment"] = new JsonObject { ["provider"] = "hosted-page", ["details"] = new JsonObject() };
        return (client, await (await CheckoutDriver.CheckoutAsync(client, body, CheckoutDriver.NewKey())).ReadJsonAsync<OrderDto>(HttpStatusCode.Created));
    }

    private static string Sign(string secret, long timestamp, string body) =>
        "sha512=" + Convert.ToBase64String(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{body}")));

    private Task<HttpResponseMessage> DeliverAsync(string body, long timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/hosted-page") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("HostedPage-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("HostedPage-Signature", signature);
        }

        return factory.CreateAnonymousClient().SendAsync(request, Ct);
    }

    private static string Completed(Guid paymentId, decimal amount, string eventId) =>
        new JsonObject
        {
            ["eventId"] = eventId,
            ["event"] = "payment.completed",
            ["payment"] = new JsonObject { ["reference"] = paymentId.ToString(), ["amount"] = amount, ["currency"] = "USD" },
        }.ToJsonString();

    [Fact]
    public async Task The_shopper_is_sent_to_the_payment_page_and_its_signed_webhook_pays_the_order()
    {
        var (client, order) = await PlaceAsync();
        order.Status.ShouldBe("AwaitingPayment");
        order.Payment.NextAction!.Type.ShouldBe("redirect");
        order.Payment.NextAction.Url.AbsolutePath.ShouldBe($"/api/payments/hosted-page/authenticate/{order.Payment.Id}");

        (await _shop.Anonymous.GetAsync(order.Payment.NextAction.Url.PathAndQuery, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _shop.Anonymous.PostAsJsonAsync(order.Payment.NextAction.Url.PathAndQuery, new { outcome = "approve" }, Ct)).IsSuccessStatusCode.ShouldBeTrue();

        (await CheckoutDriver.EventuallyAsync(client, order.Id, o => o.Status == "Paid")).Payment.Status.ShouldBe("Captured");

        // Refunds go through the plugin like through a built-in provider: in parts, never above the capture.
        var refund = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/orders/{order.Id}/refund") { Content = JsonContent.Create(new { amount = 5m, reason = "scratched" }) };
        refund.Headers.Add("Idempotency-Key", $"refund-{Guid.NewGuid():N}");
        (await (await _shop.Admin.SendAsync(refund, Ct)).ReadJsonAsync<OrderDto>()).Payment.Status.ShouldBe("PartiallyRefunded");
        var tooMuch = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/orders/{order.Id}/refund") { Content = JsonContent.Create(new { amount = order.Total, reason = "all of it" }) };
        tooMuch.Headers.Add("Idempotency-Key", $"refund-{Guid.NewGuid():N}");
        (await (await _shop.Admin.SendAsync(tooMuch, Ct)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("orders.refund_exceeds_captured");
    }

    [Fact]
    public async Task Its_webhooks_are_checked_with_its_own_scheme_including_rotation_staleness_and_tampering()
    {
        var (client, order) = await PlaceAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = Completed(order.Payment.Id, order.Total, $"hpevt_{Guid.NewGuid():N}");

        (await DeliverAsync(body, now, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DeliverAsync(body, now, Sign("not-the-secret-at-all-000", now, body))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DeliverAsync(body.Replace("payment.completed", "payment.failed", StringComparison.Ordinal), now, Sign(HostedPageShopFactory.Secret, now, body)))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // tampered body
        (await DeliverAsync(body, now - 600, Sign(HostedPageShopFactory.Secret, now - 600, body))).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // stale
        // The test card's Stripe-style header means nothing to this provider.
        var stripeStyle = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/hosted-page") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        stripeStyle.Headers.TryAddWithoutValidation("Test-Card-Signature", $"t={now},v1=00");
        (await factory.CreateAnonymousClient().SendAsync(stripeStyle, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CheckoutDriver.GetOrderAsync(client, order.Id)).Status.ShouldBe("AwaitingPayment");

        // Signed with the previous secret (rotation) and with the current one beside a wrong value: accepted, once.
        var rotated = await DeliverAsync(body, now, $"sha512=AAAA,{Sign(HostedPageShopFactory.OldSecret, now, body)}");
        rotated.IsSuccessStatusCode.ShouldBeTrue();
        (await DeliverAsync(body, now, Sign(HostedPageShopFactory.Secret, now, body))).IsSuccessStatusCode.ShouldBeTrue(); // a replay: acknowledged
        (await CheckoutDriver.EventuallyAsync(client, order.Id, o => o.Status == "Paid")).History.Count(h => h.Status == "Paid").ShouldBe(1);
    }

    [Fact]
    public async Task The_plugin_validates_with_its_own_FluentValidation_11_while_the_host_runs_12()
    {
        // A signed body that fails the plugin's FluentValidation rules is refused as malformed, with their messages.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string body = """{"eventId":"","event":"payment.teleported","payment":{"reference":"x","amount":0,"currency":"US"}}""";
        var refused = await DeliverAsync(body, now, Sign(HostedPageShopFactory.Secret, now, body));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var fluentValidations = AssemblyLoadContext.All
            .SelectMany(c => c.Assemblies.Where(a => a.GetName().Name == "FluentValidation").Select(a => (Context: c, Version: a.GetName().Version!)))
            .ToList();
        fluentValidations.ShouldContain(f => f.Context == AssemblyLoadContext.Default && f.Version.Major == 12, "the host's FluentValidation 12");
        var plugin = AssemblyLoadContext.All.Single(c => c.Assemblies.Any(a => a.GetName().Name == "ModularShop.Plugins.Payments.HostedPage"));
        fluentValidations.ShouldContain(f => f.Context == plugin && f.Version.Major == 11, "the plugin's FluentValidation 11, in the plugin's own context");
    }
}
