using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Http;

public sealed record CategoryRefDto(Guid Id, string Slug, string Name);

public sealed record CategoryDto(Guid Id, string Slug, string Name, Guid? ParentId);

public sealed record ListedCategoryDto(Guid Id, string Slug, string Name, Guid? ParentId, int ProductCount);

public sealed record VariantDto(Guid Id, string Name, Dictionary<string, string> Options, decimal Price, int Stock, string Sku);

public sealed record ProductDto(
    Guid Id,
    string Slug,
    string Name,
    string Description,
    decimal Price,
    decimal? ComparePrice,
    string Currency,
    List<string> Images,
    CategoryRefDto Category,
    List<VariantDto> Variants,
    int Stock,
    bool Featured,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long StockVersion = 0)
{
    /// <summary>The ETag the API sends for this product: its version.</summary>
    public string EntityTag => $"\"{Version}\"";
}

public sealed record PageDto<T>(List<T> Items, int Page, int PageSize, long TotalCount, int TotalPages);

/// <summary>Catalog calls as an admin and as an anonymous shopper, and fresh, unique test data.</summary>
public sealed class CatalogDriver(ShopFactory factory)
{
    public const string Products = "/api/catalog/products";
    public const string Categories = "/api/catalog/categories";
    public const string AdminProducts = "/api/admin/catalog/products";
    public const string AdminCategories = "/api/admin/catalog/categories";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Admin { get; } = factory.CreateAdminClient();

    public HttpClient Anonymous { get; } = factory.CreateAnonymousClient();

    /// <summary>A word made of letters only, unique to the test (the search index keeps it whole).</summary>
    public static string UniqueWord() =>
        string.Concat(Guid.NewGuid().ToString("N").Take(14).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    public static string UniqueSku(string prefix = "SKU") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 21, 64)];

    public async Task<CategoryDto> CreateCategoryAsync(string? name = null, Guid? parentId = null)
    {
        var response = await Admin.PostAsJsonAsync(AdminCategories, new { name = name ?? $"Category {UniqueWord()}", parentId }, Ct);
        return await response.ReadJsonAsync<CategoryDto>(HttpStatusCode.Created);
    }

    /// <summary>A valid create/replace body; tests change what they need before sending it.</summary>
    public static JsonObject ProductBody(
        Guid categoryId,
        string? name = null,
        string? description = null,
        decimal price = 10m,
        decimal? comparePrice = null,
        bool featured = false,
        int? stock = 5,
        JsonArray? variants = null,
        string? slug = null)
    {
        var body = new JsonObject
        {
            ["name"] = name ?? $"Product {UniqueWord()}",
            ["description"] = description ?? "A product made for a test.",
            ["price"] = price,
            ["images"] = new JsonArray("https://images.example.com/a.jpg"),
            ["categoryId"] = categoryId,
            ["featured"] = featured,
            ["variants"] = variants ?? [],
        };
        if (comparePrice is not null)
        {
            body["comparePrice"] = comparePrice;
        }

        if (stock is not null)
        {
            body["stock"] = stock;
        }

        if (slug is not null)
        {
            body["slug"] = slug;
        }

        return body;
    }

    public static JsonObject VariantBody(string? sku = null, int stock = 1, decimal? price = null, string? name = null, Guid? id = null)
    {
        var variant = new JsonObject
        {
            ["name"] = name ?? "Size M",
            ["options"] = new JsonObject { ["Size"] = "M" },
            ["stock"] = stock,
            ["sku"] = sku ?? UniqueSku(),
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

    public Task<HttpResponseMessage> PostProductAsync(JsonObject body) => Admin.PostAsJsonAsync(AdminProducts, body, Ct);

    public async Task<ProductDto> CreateProductAsync(JsonObject body) =>
        await (await PostProductAsync(body)).ReadJsonAsync<ProductDto>(HttpStatusCode.Created);

    public Task<ProductDto> CreateProductAsync(
        Guid categoryId,
        string? name = null,
        string? description = null,
        decimal price = 10m,
        bool featured = false,
        int stock = 5) =>
        CreateProductAsync(ProductBody(categoryId, name, description, price, featured: featured, stock: stock));

    public Task<HttpResponseMessage> ReplaceProductAsync(Guid id, JsonObject body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{AdminProducts}/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Admin.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> ArchiveProductAsync(Guid id) => Admin.DeleteAsync($"{AdminProducts}/{id}", Ct);

    public Task<HttpResponseMessage> SetVariantStockAsync(Guid productId, Guid variantId, int stock) =>
        Admin.PutAsJsonAsync($"{AdminProducts}/{productId}/variants/{variantId}/stock", new { stock }, Ct);

    public Task<HttpResponseMessage> GetProductAsync(string idOrSlug) => Anonymous.GetAsync($"{Products}/{idOrSlug}", Ct);

    public async Task<PageDto<ProductDto>> ListAsync(string query) =>
        await (await Anonymous.GetAsync($"{Products}?{query}", Ct)).ReadJsonAsync<PageDto<ProductDto>>();

    public async Task<List<ListedCategoryDto>> ListCategoriesAsync() =>
        await (await Anonymous.GetAsync(Categories, Ct)).ReadJsonAsync<List<ListedCategoryDto>>();
}
