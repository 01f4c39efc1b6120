using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Testing;
using Npgsql;
using Xunit;

namespace ModularShop.Modules.Payments.Tests.Http;

/// <summary>Charges through <see cref="IPaymentsApi"/> (as Checkout will), and everything else through HTTP.</summary>
internal sealed class PaymentsDriver(ShopFactory factory)
{
    /// <summary>The test-card webhook secret of appsettings.json.</summary>
    public const string Secret = "whsec_test_modularshop_not_a_real_secret";

    public const string Approve = "4242424242424242";
    public const string Decline = "4000000000000002";
    public const string Insufficient = "4000000000009995";
    public const string ThreeDs = "4000002500003155";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> Card(string number, string expiry = "12/40", string cvc = "123") =>
        new() { ["cardNumber"] = number, ["expiry"] = expiry, ["cvc"] = cvc };

    public async Task<Result<PaymentSummary>> ChargeAsync(
        Guid paymentId, Guid userId, string number = Approve, decimal amount = 12.34m, Guid? orderId = null, Dictionary<string, string?>? details = null, string provider = "test-card")
    {
        using var scope = factory.Services.CreateScope();
        var api = scope.ServiceProvider.GetRequiredService<IPaymentsApi>();
        return await api.ChargeAsync(
            new PaymentRequest(paymentId, orderId ?? OrderOf(paymentId), userId, provider, Money.Of(amount, "USD"), details ?? Card(number)), Ct);
    }

    public async Task<T> ApiAsync<T>(Func<IPaymentsApi, Task<T>> call)
    {
        using var scope = factory.Services.CreateScope();
        return await call(scope.ServiceProvider.GetRequiredService<IPaymentsApi>());
    }

    /// <summary>A stable order id per payment (a repeat must name the same order).</summary>
    public static Guid OrderOf(Guid paymentId) => new(SHA256.HashData(paymentId.ToByteArray())[..16]);

    public HttpClient ClientOf(Guid userId) => factory.CreateClientWithToken(TestTokens.Customer(userId));

    public static string Body(string eventId, string type, Guid paymentId, decimal amount = 12.34m, string? failureCode = null) =>
        JsonSerializer.Serialize(new
        {
            id = eventId,
            type,
            data = new { paymentReference = paymentId.ToString(), providerReference = "tc_x", amount, currency = "USD", failureCode },
        });

    public static string Sign(string body, long timestamp, string secret = Secret) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")))}";

    public async Task<HttpResponseMessage> DeliverAsync(string body, string? signature, string provider = "test-card", string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/payments/webhooks/{provider}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Test-Card-Signature", signature);
        }

        return await factory.CreateAnonymousClient().SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> DeliverSignedAsync(string body) => DeliverAsync(body, Sign(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public async Task<List<string>> EventTypesAsync(Guid paymentId) =>
        await QueryAsync("SELECT type FROM payments.payment_events WHERE payment_id = @id ORDER BY at, id", r => r.GetString(0), ("id", paymentId));

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>The statuses of the payment-updated events in the outbox for a payment, oldest first.</summary>
    public Task<List<PaymentStatus>> PublishedStatusesAsync(Guid paymentId) =>
        QueryAsync(
            "SELECT payload->>'status' FROM payments.outbox_messages WHERE type = 'payments.payment-updated.v1' AND payload->>'paymentId' = @id ORDER BY sequence",
            r => (PaymentStatus)int.Parse(r.GetString(0), System.Globalization.CultureInfo.InvariantCulture),
            ("id", paymentId.ToString()));
}
