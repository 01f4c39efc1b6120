using System.Text.Json.Serialization;

namespace ModularShop.Plugins.Payments.TestCard;

/// <summary>The body of a test-card webhook: <c>{"id":"evt_…","type":"payment.succeeded","data":{…}}</c>.</summary>
internal sealed record TestCardWebhookBody(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("data")] TestCardWebhookData? Data);

/// <summary>What a test-card webhook says about a payment.</summary>
internal sealed record TestCardWebhookData(
    [property: JsonPropertyName("paymentReference")] string? PaymentReference,
    [property: JsonPropertyName("providerReference")] string? ProviderReference,
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("failureCode")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? FailureCode = null);
