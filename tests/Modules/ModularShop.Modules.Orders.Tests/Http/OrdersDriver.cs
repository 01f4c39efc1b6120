using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Orders.Tests.Http;

public sealed record OrderItemDto(Guid ProductId, Guid? VariantId, string Sku, string Name, string? VariantName, decimal UnitPrice, int Quantity, decimal LineTotal);

public sealed record AddressDto(string FullName, string Line1, string? Line2, string City, string? Region, string PostalCode, string Country, string? Phone);

public sealed record PaymentMethodDto(string Provider, string Display);

public sealed record NextActionDto(string Type, string Url);

public sealed record PaymentDto(Guid Id, string Status, NextActionDto? NextAction);

public sealed record HistoryDto(string Status, DateTimeOffset At, string? Reason, decimal? Amount);

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
    AddressDto ShippingAddress,
    AddressDto BillingAddress,
    string ShippingMethod,
    PaymentMethodDto PaymentMethod,
    PaymentDto Payment,
    decimal Refunded,
    List<HistoryDto> History,
    DateTimeOffset CreatedAt,
    long Version);

public sealed record PageDto<T>(List<T> Items, int Page, int PageSize, long TotalCount, int TotalPages);

public sealed record ProductDto(Guid Id, string Slug, string Name, decimal Price, int Stock, long Version);

/// <summary>How the order's payment goes (test cards of the test-card provider).</summary>
public enum Card
{
    /// <summary><c>4242424242424242</c>: approved and captured at once.</summary>
    Approved,

    /// <summary><c>4000002500003155</c>: 3-D Secure, the order awaits its payment.</summary>
    RequiresAction,
}

/// <summary>
/// Orders as checkout places them (a Catalog reservation, a payment, then <see cref="IOrdersApi.PlaceAsync"/>, each called
/// as another module does, in a scope of its own), and the Orders REST API as its clients call it.
/// </summary>
public sealed class OrdersDriver(ShopFactory factory)
{
    public const string Orders = "/api/orders";
    public const string AdminOrders = "/api/admin/orders";

    private Guid? _categoryId;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Admin { get; } = factory.CreateAdminClient();

    public HttpClient Anonymous { get; } = factory.CreateAnonymousClient();

    public static OrderAddress Address { get; } = new("Ada Lovelace", "1 Main Street", null, "Springfield", "IL", "62701", "US", "+1 555 0100");

    /// <summary>A signed-in customer: its id and a client.</summary>
    public (Guid UserId, HttpClient Client) Customer()
    {
        var userId = Guid.NewGuid();
        return (userId, factory.CreateClientWithToken(TestTokens.Customer(userId)));
    }

    // ---- catalog --------------------------------------------------------------------------------------

    public async Task<ProductDto> CreateProductAsync(decimal price = 10m, int stock = 20, string? name = null)
    {
        _categoryId ??= (await (await Admin.PostAsJsonAsync("/api/admin/catalog/categories", new { name = $"Orders tests {Guid.NewGuid():N}" }, Ct))
            .ReadJsonElementAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var body = new JsonObject
        {
            ["name"] = name ?? $"Product {Guid.NewGuid():N}",
            ["description"] = "A product made for an orders test.",
            ["price"] = price,
            ["images"] = new JsonArray("https://images.example.com/a.jpg"),
            ["categoryId"] = _categoryId,
            ["featured"] = false,
            ["stock"] = stock,
            ["variants"] = new JsonArray(),
        };
        return await (await Admin.PostAsJsonAsync("/api/admin/catalog/products", body, Ct)).ReadJsonAsync<ProductDto>(HttpStatusCode.Created);
    }

    /// <summary>The product as the catalog shows it now (signed in: never a cached page).</summary>
    public async Task<ProductDto> ProductAsync(Guid productId) =>
        await (await Admin.GetAsync($"/api/catalog/products/{productId}", Ct)).ReadJsonAsync<ProductDto>();

    // ---- placing (as checkout does) --------------------------------------------------------------------

    /// <summary>Reserves <paramref name="quantity"/> units, takes the payment and places the order; answers the placement's input and result.</summary>
    public async Task<(PlaceOrder Order, Result<OrderSummary> Result)> PlaceAsync(
        Guid userId, ProductDto product, int quantity = 1, Card card = Card.Approved, TimeSpan? paymentTimeout = null, DateTimeOffset? now = null)
    {
        var orderId = Guid.NewGuid();
        var at = now ?? DateTimeOffset.UtcNow;
        var dueAt = at + (paymentTimeout ?? TimeSpan.FromMinutes(30));
        var reserved = await CatalogAsync(api => api.ReserveAsync(
            orderId, [new StockReservationLine(product.Id, null, quantity)], dueAt.AddMinutes(5), Ct));
        reserved.IsSuccess.ShouldBeTrue(reserved.Error?.Message);
        reserved.Value.Status.ShouldBe(StockReservationStatus.Reserved);

        var unit = Money.Of(product.Price, "USD");
        var subtotal = unit.Times(quantity);
        var tax = subtotal.ApplyRate(0.1m);
        var shipping = Money.Of(4.99m, "USD");
        var payment = await PayAsync(orderId, userId, subtotal + tax + shipping, card);
        var place = new PlaceOrder(
            orderId, userId, orderId,
            [new OrderLine(product.Id, null, $"SKU-{product.Id:N}"[..20], product.Name, null, unit, quantity, subtotal)],
            subtotal, tax, shipping, subtotal + tax + shipping,
            Address, Address, "standard", payment, card == Card.Approved ? null : dueAt);
        return (place, await OrdersApiAsync(api => api.PlaceAsync(place, Ct)));
    }

    /// <summary>Places a paid order (or one awaiting its 3-D Secure payment) and reads it back through the owner's HTTP API.</summary>
    public async Task<OrderDto> PlacedOrderAsync(
        Guid userId, HttpClient owner, ProductDto product, int quantity = 1, Card card = Card.Approved, TimeSpan? paymentTimeout = null, DateTimeOffset? now = null)
    {
        var (_, result) = await PlaceAsync(userId, product, quantity, card, paymentTimeout, now);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return await GetOrderAsync(owner, result.Value.Id);
    }

    public Task<Result<OrderSummary>> PlaceAsync(PlaceOrder order) => OrdersApiAsync(api => api.PlaceAsync(order, Ct));

    /// <summary>The payment for an order, taken through <see cref="IPaymentsApi"/> as checkout takes it (its id is the order's).</summary>
    public async Task<OrderPayment> PayAsync(Guid orderId, Guid userId, Money amount, Card card)
    {
        var details = new Dictionary<string, string?>
        {
            ["cardNumber"] = card == Card.Approved ? "4242424242424242" : "4000002500003155",
            ["expiry"] = "12/30",
            ["cvc"] = "123",
        };
        var charged = await PaymentsAsync(api => api.ChargeAsync(
            new PaymentRequest(orderId, orderId, userId, "test-card", amount, details, new Uri("http://localhost/")), Ct));
        charged.IsSuccess.ShouldBeTrue(charged.Error?.Message);
        var p = charged.Value;
        p.Status.ShouldBe(card == Card.Approved ? PaymentStatus.Captured : PaymentStatus.RequiresAction);
        return new OrderPayment(p.Id, p.Provider, p.MethodDisplay ?? string.Empty, p.Status.ToString(), p.NextAction?.Type, p.NextAction?.Url, p.Version);
    }

    public async Task<T> PaymentsAsync<T>(Func<IPaymentsApi, Task<T>> call)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IPaymentsApi>());
    }

    /// <summary>The shopper on the simulated bank page of a 3-D Secure payment: <c>approve</c> or <c>fail</c>.</summary>
    public async Task AuthenticateAsync(Guid paymentId, string outcome) =>
        await (await Anonymous.PostAsJsonAsync($"/api/payments/test-card/authenticate/{paymentId}", new { outcome }, Ct)).ExpectStatusAsync(HttpStatusCode.OK);

    public async Task<T> CatalogAsync<T>(Func<ICatalogApi, Task<T>> call)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<ICatalogApi>());
    }

    public async Task<T> OrdersApiAsync<T>(Func<IOrdersApi, Task<T>> call)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IOrdersApi>());
    }

    // ---- HTTP -------------------------------------------------------------------------------------------

    public async Task<OrderDto> GetOrderAsync(HttpClient client, Guid orderId) =>
        await (await client.GetAsync($"{Orders}/{orderId}", Ct)).ReadJsonAsync<OrderDto>();

    public async Task<PageDto<OrderDto>> MyOrdersAsync(HttpClient client, int page = 1, int pageSize = 20) =>
        await (await client.GetAsync($"{Orders}?page={page}&pageSize={pageSize}", Ct)).ReadJsonAsync<PageDto<OrderDto>>();

    public Task<HttpResponseMessage> CancelAsync(HttpClient client, Guid orderId) => client.PostAsync($"{Orders}/{orderId}/cancel", null, Ct);

    public Task<HttpResponseMessage> ShipAsync(Guid orderId, HttpClient? client = null) => (client ?? Admin).PostAsync($"{AdminOrders}/{orderId}/ship", null, Ct);

    public Task<HttpResponseMessage> DeliverAsync(Guid orderId, HttpClient? client = null) => (client ?? Admin).PostAsync($"{AdminOrders}/{orderId}/deliver", null, Ct);

    public Task<HttpResponseMessage> RefundAsync(Guid orderId, decimal? amount, string reason = "customer request", HttpClient? client = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{AdminOrders}/{orderId}/refund") { Content = JsonContent.Create(new { amount, reason }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return (client ?? Admin).SendAsync(request, Ct);
    }

    /// <summary>Reads the order (as admin) until <paramref name="condition"/> holds; fails after <paramref name="within"/>.</summary>
    public async Task<OrderDto> EventuallyAsync(Guid orderId, Func<OrderDto, bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var order = await (await Admin.GetAsync($"{AdminOrders}/{orderId}", Ct)).ReadJsonAsync<OrderDto>();
            if (condition(order))
            {
                return order;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The order did not reach the expected state: {System.Text.Json.JsonSerializer.Serialize(order)}");
            }

            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Reads the product until its stock is <paramref name="expected"/>; fails after 15 s.</summary>
    public async Task StockEventuallyAsync(Guid productId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int stock;
        while ((stock = (await ProductAsync(productId)).Stock) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        stock.ShouldBe(expected);
    }
}
