using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Xunit;

namespace ModularShop.Storefront.Tests;

/// <summary>Products and categories made through the admin API, as a merchant makes them.</summary>
public sealed class Catalog(ShopFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Admin { get; } = factory.CreateAdminClient();

    public async Task<JsonObject> CategoryAsync(string? name = null)
    {
        name ??= $"Lamps {Guid.NewGuid():N}"[..16];
        return await (await Admin.PostAsJsonAsync("/api/admin/catalog/categories", new { name }, Ct)).ReadJsonAsync<JsonObject>(HttpStatusCode.Created);
    }

    public async Task<JsonObject> ProductAsync(JsonObject category, string? name = null, decimal price = 19.99m, int stock = 10, object[]? variants = null, bool featured = false)
    {
        name ??= $"Brass lamp {Guid.NewGuid():N}"[..18];
        var body = Body(category, name, price, stock, variants, featured);
        return await (await Admin.PostAsJsonAsync("/api/admin/catalog/products", body, Ct)).ReadJsonAsync<JsonObject>(HttpStatusCode.Created);
    }

    /// <summary>Replaces a product (without variants) with a new price and stock.</summary>
    public async Task ChangeAsync(JsonObject category, JsonObject product, decimal price, int stock)
    {
        var body = Body(category, product["name"]!.GetValue<string>(), price, stock, null, false);
        body["slug"] = product["slug"]!.GetValue<string>();
        await (await Admin.PutAsJsonAsync($"/api/admin/catalog/products/{product["id"]}", body, Ct)).ReadJsonAsync<JsonObject>();
    }

    private static JsonObject Body(JsonObject category, string name, decimal price, int stock, object[]? variants, bool featured) => new()
    {
        ["name"] = name,
        ["description"] = $"{name}: a lamp for reading.\nMade to last.",
        ["price"] = price,
        ["categoryId"] = category["id"]!.GetValue<Guid>(),
        ["stock"] = variants is null ? stock : null,
        ["featured"] = featured,
        ["images"] = new JsonArray("/media/catalog/demo/lamp.svg"),
        ["variants"] = variants is null ? null : JsonSerializerHelper.ToNode(variants),
    };
}

internal static class JsonSerializerHelper
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static JsonNode? ToNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value, Web);
}
