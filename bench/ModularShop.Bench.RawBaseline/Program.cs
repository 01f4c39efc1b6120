// Benchmark-only app (eng/bench.sh, docs/benchmarks.md): the "raw" baseline for
// GET /api/catalog/products?page=1&pageSize=20 — newest live products with category and variants,
// read with plain Npgsql (two SQL statements, no EF, no MediatR, no Carter) and written as the same
// JSON as the host (camelCase, same field order, same paging envelope, timestamps as UTC with 'Z').
// It is not part of the product API and has no filters, validation, caching or auth.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Shop")
    ?? throw new InvalidOperationException("ConnectionStrings:Shop is required.");
var currency = builder.Configuration["Shop:Currency"] ?? "USD";
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter()));

var app = builder.Build();

app.MapGet("/api/catalog/products", async (NpgsqlDataSource db, CancellationToken ct, int page = 1, int pageSize = 20) =>
{
    page = Math.Max(page, 1);
    pageSize = Math.Clamp(pageSize, 1, 100);

    // 1. The page of live products, newest first, with its category and the total count.
    const string productsSql = """
        SELECT p.id, p.slug, p.name, p.description, p.price, p.compare_price, p.images,
               c.id, c.slug, c.name, p.stock, p.featured, p.version, p.created_at, p.updated_at,
               count(*) OVER (), p.stock_version
        FROM catalog.products p
        JOIN catalog.categories c ON c.id = p.category_id
        WHERE p.archived_at IS NULL
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT $1 OFFSET $2
        """;
    var rows = new List<Row>(pageSize);
    long total = 0;
    await using (var cmd = db.CreateCommand(productsSql))
    {
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (page - 1) * pageSize });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetDecimal(4), reader.IsDBNull(5) ? null : reader.GetDecimal(5), reader.GetFieldValue<string[]>(6),
                new CategoryReference(reader.GetGuid(7), reader.GetString(8), reader.GetString(9)),
                reader.GetInt32(10), reader.GetBoolean(11), reader.GetInt64(12), reader.GetInt64(16),
                reader.GetFieldValue<DateTimeOffset>(13), reader.GetFieldValue<DateTimeOffset>(14)));
            total = reader.GetInt64(15);
        }
    }

    if (rows.Count == 0)
    {
        // Past the end (or no products): the count still has to be right.
        await using var count = db.CreateCommand("SELECT count(*) FROM catalog.products WHERE archived_at IS NULL");
        total = (long)(await count.ExecuteScalarAsync(ct))!;
    }

    // 2. The variants of those products, in display order.
    var variants = rows.ToDictionary(r => r.Id, _ => new List<VariantResponse>());
    if (rows.Count > 0)
    {
        await using var cmd = db.CreateCommand(
            "SELECT product_id, id, name, options, price, stock, sku FROM catalog.product_variants WHERE product_id = ANY($1) ORDER BY product_id, position");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. variants.Keys] });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            variants[reader.GetGuid(0)].Add(new VariantResponse(
                reader.GetGuid(1), reader.GetString(2),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3))!,
                reader.GetDecimal(4), reader.GetInt32(5), reader.GetString(6)));
        }
    }

    var items = rows.Select(r => new ProductResponse(
        r.Id, r.Slug, r.Name, r.Description, r.Price, r.ComparePrice, currency, r.Images, r.Category,
        variants[r.Id], r.Stock, r.Featured, r.Version, r.StockVersion, r.CreatedAt, r.UpdatedAt)).ToList();
    return TypedResults.Ok(new PagedResult(items, page, pageSize, total, (int)((total + pageSize - 1) / pageSize)));
});

app.Run();

internal sealed record Row(
    Guid Id, string Slug, string Name, string Description, decimal Price, decimal? ComparePrice, string[] Images,
    CategoryReference Category, int Stock, bool Featured, long Version, long StockVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

// The same shapes, in the same property order, as the host's ProductResponse and PagedResult<T>.
internal sealed record PagedResult(IReadOnlyList<ProductResponse> Items, int Page, int PageSize, long TotalCount, int TotalPages);

internal sealed record ProductResponse(
    Guid Id, string Slug, string Name, string Description, decimal Price, decimal? ComparePrice, string Currency,
    IReadOnlyList<string> Images, CategoryReference Category, IReadOnlyList<VariantResponse> Variants, int Stock,
    bool Featured, long Version, long StockVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record CategoryReference(Guid Id, string Slug, string Name);

internal sealed record VariantResponse(Guid Id, string Name, IReadOnlyDictionary<string, string> Options, decimal Price, int Stock, string Sku);

/// <summary>As the host's: ISO-8601 UTC with a 'Z'.</summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
