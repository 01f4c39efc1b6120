using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Xunit;

namespace ModularShop.Modules.Checkout.Tests.Http;

public sealed record ProductDto(Guid Id, string Slug, string Name, decimal Price, int Stock, List<VariantDto> Variants, long Version);

public sealed record VariantDto(Guid Id, string Name, decimal Price, int Stock, string Sku);

public sealed record CartDto(Guid Id, List<CartItemDto> Items, decimal Subtotal, long Version);

public sealed record CartItemDto(Guid Id, Guid ProductId, Guid? VariantId, decimal UnitPrice, int Quantity);

public sealed record QuoteDto(decimal Subtotal, decimal Tax, decimal Shipping, decimal Total, string Currency, List<QuoteLineDto> Lines);

public sealed record QuoteLineDto(Guid ProductId, decimal UnitPrice, int Quantity, decimal LineTotal, decimal Tax);

public sealed record OrderDto(
    Guid Id,
    string OrderNumber,
    Guid UserId,
    List<OrderItemDto> Items,
    decimal Subtotal,
    decimal Tax,
    decimal Shipping,
    decimal Total,
    string Currency,
    string Status,
    JsonObject ShippingAddress,
    JsonObject BillingAddress,
    PaymentMethodDto PaymentMethod,
    OrderPaymentDto Payment,
    List<HistoryDto> History);

public sealed record OrderItemDto(Guid ProductId, Guid? VariantId, string Sku, string Name, decimal UnitPrice, int Quantity, decimal LineTotal);

public sealed record PaymentMethodDto(string Provider, string Display);

public sealed record OrderPaymentDto(Guid Id, string Status, NextActionDto? NextAction);

public sealed record NextActionDto(string Type, Uri Url);

public sealed record HistoryDto(string Status, DateTimeOffset At, string? Reason);

/// <summary>A shopper's way through the API: products (admin API), a cart, a quote, a checkout.</summary>
public sealed class CheckoutDriver(ShopFactory factory)
{
    public const string Approves = "4242424242424242";
    public const string Declines = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string RequiresAction = "4000002500003155";

    private Guid? _categoryId;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Admin { get; } = factory.CreateAdminClient();

    public HttpClient Anonymous { get; } = factory.CreateAnonymousClient();

    public (HttpClient Client, Guid UserId) NewCustomer()
    {
        var id = Guid.NewGuid();
        return (factory.CreateClientWithToken(TestTokens.Customer(id)), id);
    }

    public async Task<ProductDto> CreateProductAsync(decimal price = 10m, int stock = 50)
    {
        _categoryId ??= (await (await Admin.PostAsJsonAsync("/api/admin/catalog/categories", new { name = $"Category {Guid.NewGuid():N}" }, Ct))
            .ReadJsonAsync<JsonObject>(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var body = new JsonObject
        {
            ["name"] = $"Product {Guid.NewGuid():N}",
            ["description"] = "A thing to buy",
            ["price"] = price,
            ["categoryId"] = _categoryId,
            ["stock"] = stock,
        };
        return await (await Admin.PostAsJsonAsync("/api/admin/catalog/products", body, Ct)).ReadJsonAsync<ProductDto>(HttpStatusCode.Created);
    }

    public async Task<int> StockAsync(ProductDto product) =>
        (await (await Anonymous.GetAsync($"/api/catalog/products/{product.Slug}", Ct)).ReadJsonAsync<ProductDto>()).Stock;

    public async Task<CartDto> CartWithAsync(HttpClient client, params (ProductDto Product, int Quantity)[] lines)
    {
        var cart = await (await client.PostAsync("/api/carts", null, Ct)).ReadJsonAsync<CartDto>(HttpStatusCode.Created);
        foreach (var (product, quantity) in lines)
        {
            cart = await (await client.PostAsJsonAsync($"/api/carts/{cart.Id}/items", new { productId = product.Id, quantity }, Ct)).ReadJsonAsync<CartDto>();
        }

        return cart;
    }

    public async Task<CartDto> GetCartAsync(HttpClient client, Guid cartId) =>
        await (await client.GetAsync($"/api/carts/{cartId}", Ct)).ReadJsonAsync<CartDto>();

    public static JsonObject Address(string country = "US", string? region = "CA") => new()
    {
        ["fullName"] = "Ada Lovelace",
        ["line1"] = "1 Analytical Way",
        ["city"] = "Springfield",
        ["region"] = region,
        ["postalCode"] = "94105",
        ["country"] = country,
    };

    public static JsonObject Body(Guid cartId, string card = Approves, string method = "standard", JsonObject? address = null) => new()
    {
        ["cartId"] = cartId,
        ["shippingAddress"] = (address ?? Address()).DeepClone(),
        ["shippingMethod"] = method,
        ["payment"] = new JsonObject
        {
            ["provider"] = "test-card",
            ["details"] = new JsonObject { ["cardNumber"] = card, ["expiry"] = "12/30", ["cvc"] = "123" },
        },
    };

    public static Task<HttpResponseMessage> CheckoutAsync(HttpClient client, JsonObject body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = HttpResponseExtensions.RawJson(body.ToJsonString()) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request, Ct);
    }

    public static async Task<QuoteDto> QuoteAsync(HttpClient client, Guid cartId, string method = "standard", JsonObject? address = null) =>
        await (await client.PostAsJsonAsync("/api/checkout/quote", new JsonObject
        {
            ["cartId"] = cartId,
            ["shippingAddress"] = (address ?? Address()).DeepClone(),
            ["shippingMethod"] = method,
        }, Ct)).ReadJsonAsync<QuoteDto>();

    public static async Task<OrderDto> GetOrderAsync(HttpClient client, Guid orderId) =>
        await (await client.GetAsync($"/api/orders/{orderId}", Ct)).ReadJsonAsync<OrderDto>();

    /// <summary>Reads the order until <paramref name="condition"/> holds (payment outcomes arrive as events).</summary>
    public static async Task<OrderDto> EventuallyAsync(HttpClient client, Guid orderId, Func<OrderDto, bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var order = await GetOrderAsync(client, orderId);
            if (condition(order) || DateTime.UtcNow > deadline)
            {
                return order;
            }

            await Task.Delay(50, Ct);
        }
    }

    public static string NewKey() => $"checkout-{Guid.NewGuid():N}";
}
