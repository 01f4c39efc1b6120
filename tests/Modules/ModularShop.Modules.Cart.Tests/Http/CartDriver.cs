using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

public sealed record CartDto(
    Guid Id,
    List<CartItemDto> Items,
    int ItemCount,
    decimal Subtotal,
    string Currency,
    List<CartProblemDto> Problems,
    long Version,
    DateTimeOffset UpdatedAt);

public sealed record CartItemDto(
    Guid Id,
    Guid ProductId,
    Guid? VariantId,
    string Sku,
    string Name,
    string? VariantName,
    string? Image,
    decimal UnitPrice,
    int Quantity,
    decimal LineTotal,
    bool Available);

public sealed record CartProblemDto(string Code, Guid ItemId, string Message);

public sealed record VariantDto(Guid Id, string Name, decimal Price, int Stock, string Sku);

public sealed record ProductDto(Guid Id, string Slug, string Name, decimal Price, int Stock, List<VariantDto> Variants, long Version);

/// <summary>Cart calls as an API client makes them, and catalog products made through the admin API.</summary>
public sealed class CartDriver(ShopFactory factory)
{
    public const string Carts = "/api/carts";

    private Guid? _categoryId;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Admin { get; } = factory.CreateAdminClient();

    public HttpClient Anonymous { get; } = factory.CreateAnonymousClient();

    /// <summary>A client signed in as a new customer (a fresh user id every call, unless given).</summary>
    public HttpClient Customer(Guid? userId = null) => factory.CreateClientWithToken(TestTokens.Customer(userId));

    // ---- catalog (through its admin API) --------------------------------------------------------------

    public async Task<ProductDto> CreateProductAsync(decimal price = 10m, int stock = 50, string? name = null)
    {
        var body = await ProductBodyAsync(price, name);
        body["stock"] = stock;
        return await PostProductAsync(body);
    }

    /// <summary>A product with one variant per (name, stock, price) given.</summary>
    public async Task<ProductDto> CreateProductWithVariantsAsync(decimal price, params (string Name, int Stock, decimal? Price)[] variants)
    {
        var body = await ProductBodyAsync(price, null);
        body["variants"] = new JsonArray([.. variants.Select(v => (JsonNode)VariantBody(v.Name, v.Stock, v.Price))]);
        return await PostProductAsync(body);
    }

    /// <summary>Replaces the product (admin PUT) with the given price and stock, keeping its variants.</summary>
    public async Task<ProductDto> ChangeProductAsync(ProductDto product, decimal? price = null, int? stock = null, IEnumerable<VariantDto>? variants = null)
    {
        var body = await ProductBodyAsync(price ?? product.Price, product.Name);
        body["slug"] = product.Slug;
        var keep = (variants ?? product.Variants).ToList();
        if (keep.Count == 0)
        {
            body["stock"] = stock ?? product.Stock;
        }

        body["variants"] = new JsonArray([.. keep.Select(v => (JsonNode)VariantBody(v.Name, v.Stock, v.Price, v.Sku, v.Id))]);
        var response = await Admin.PutAsJsonAsync($"/api/admin/catalog/products/{product.Id}", body, Ct);
        return await response.ReadJsonAsync<ProductDto>();
    }

    public async Task SetVariantStockAsync(Guid productId, Guid variantId, int stock) =>
        await (await Admin.PutAsJsonAsync($"/api/admin/catalog/products/{productId}/variants/{variantId}/stock", new { stock }, Ct))
            .ExpectStatusAsync(HttpStatusCode.OK);

    public async Task ArchiveProductAsync(Guid productId) =>
        (await Admin.DeleteAsync($"/api/admin/catalog/products/{productId}", Ct)).IsSuccessStatusCode.ShouldBeTrue();

    // ---- carts ----------------------------------------------------------------------------------------

    public async Task<CartDto> CreateCartAsync(HttpClient? client = null) =>
        await (await (client ?? Anonymous).PostAsync(Carts, null, Ct)).ReadJsonAsync<CartDto>(HttpStatusCode.Created);

    public Task<HttpResponseMessage> GetAsync(Guid cartId, HttpClient? client = null) =>
        (client ?? Anonymous).GetAsync($"{Carts}/{cartId}", Ct);

    public async Task<CartDto> GetCartAsync(Guid cartId, HttpClient? client = null) =>
        await (await GetAsync(cartId, client)).ReadJsonAsync<CartDto>();

    public Task<HttpResponseMessage> AddAsync(Guid cartId, Guid productId, int quantity = 1, Guid? variantId = null, HttpClient? client = null, string? ifMatch = null) =>
        SendAsync(HttpMethod.Post, $"{Carts}/{cartId}/items", JsonContent.Create(new { productId, variantId, quantity }), client, ifMatch);

    public async Task<CartDto> AddItemAsync(Guid cartId, Guid productId, int quantity = 1, Guid? variantId = null, HttpClient? client = null) =>
        await (await AddAsync(cartId, productId, quantity, variantId, client)).ReadJsonAsync<CartDto>();

    public Task<HttpResponseMessage> SetQuantityAsync(Guid cartId, Guid itemId, int quantity, HttpClient? client = null, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, $"{Carts}/{cartId}/items/{itemId}", JsonContent.Create(new { quantity }), client, ifMatch);

    public Task<HttpResponseMessage> RemoveAsync(Guid cartId, Guid itemId, HttpClient? client = null, string? ifMatch = null) =>
        SendAsync(HttpMethod.Delete, $"{Carts}/{cartId}/items/{itemId}", null, client, ifMatch);

    public Task<HttpResponseMessage> ClearAsync(Guid cartId, HttpClient? client = null, string? ifMatch = null) =>
        SendAsync(HttpMethod.Delete, $"{Carts}/{cartId}/items", null, client, ifMatch);

    public Task<HttpResponseMessage> MergeAsync(Guid cartId, HttpClient client) =>
        client.PostAsync($"{Carts}/{cartId}/merge", null, Ct);

    public Task<HttpResponseMessage> MineAsync(HttpClient client) => client.GetAsync($"{Carts}/mine", Ct);

    /// <summary>Reads the cart until <paramref name="condition"/> holds (events are delivered asynchronously); fails after <paramref name="within"/>.</summary>
    public async Task<CartDto> EventuallyAsync(Guid cartId, Func<CartDto, bool> condition, TimeSpan within, HttpClient? client = null)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var cart = await GetCartAsync(cartId, client);
            if (condition(cart))
            {
                return cart;
            }

            if (DateTime.UtcNow - started > within)
            {
                throw new TimeoutException($"The cart did not reach the expected state within {within}: {System.Text.Json.JsonSerializer.Serialize(cart)}");
            }

            await Task.Delay(50, Ct);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content, HttpClient? client, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return (client ?? Anonymous).SendAsync(request, Ct);
    }

    private async Task<JsonObject> ProductBodyAsync(decimal price, string? name)
    {
        _categoryId ??= (await (await Admin.PostAsJsonAsync("/api/admin/catalog/categories", new { name = $"Cart tests {Guid.NewGuid():N}" }, Ct))
            .ReadJsonElementAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        return new JsonObject
        {
            ["name"] = name ?? $"Product {Guid.NewGuid():N}",
            ["description"] = "A product made for a cart test.",
            ["price"] = price,
            ["images"] = new JsonArray("https://images.example.com/a.jpg"),
            ["categoryId"] = _categoryId,
            ["featured"] = false,
            ["variants"] = new JsonArray(),
        };
    }

    private static JsonObject VariantBody(string name, int stock, decimal? price, string? sku = null, Guid? id = null)
    {
        var variant = new JsonObject
        {
            ["name"] = name,
            ["options"] = new JsonObject { ["Size"] = name },
            ["stock"] = stock,
            ["sku"] = sku ?? $"SKU-{Guid.NewGuid():N}"[..24],
        };
        if (price is not null)
        {
            variant["price"] = price;
        }

        if (id is not null)
        {
            variant["id"] = id;
        }

        return variant;
    }

    private async Task<ProductDto> PostProductAsync(JsonObject body) =>
        await (await Admin.PostAsJsonAsync("/api/admin/catalog/products", body, Ct)).ReadJsonAsync<ProductDto>(HttpStatusCode.Created);
}
