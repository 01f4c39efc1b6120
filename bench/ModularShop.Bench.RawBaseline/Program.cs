// Benchmark-only app (eng/bench.sh, docs/benchmarks.md): the "raw" baseline for
// GET /api/catalog/products?page=1&pageSize=20 — newest live products with category and variants,
// read with plain Npgsql (two SQL statements, no EF, no MediatR, no Carter) and written as the same
// JSON as the host (camelCase, same field order, same paging envelope, timestamps as UTC with 'Z').
// It is not part of the product API and has no filters, validation, caching or auth.
//
// POST /bench/checkout {productId, userId} — the "raw" cost of a checkout's durable work (issue 12): ONE
// transaction that takes one unit of stock conditionally (409 when none is left) and writes an order, its line
// and a captured payment into the baseline's own tables (schema `bench`, created at start-up), then 201.
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

// The checkout baseline's own tables: the columns that matter of orders.orders, orders.order_items and
// payments.payments (ids, a number from a sequence, user, amounts, status, timestamps).
await using (var setup = app.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("""
    CREATE SCHEMA IF NOT EXISTS bench;
    CREATE SEQUENCE IF NOT EXISTS bench.order_numbers;
    CREATE TABLE IF NOT EXISTS bench.orders (
        id uuid PRIMARY KEY, number varchar(32) NOT NULL UNIQUE, user_id uuid NOT NULL, status varchar(32) NOT NULL,
        currency varchar(3) NOT NULL, subtotal numeric(12,2) NOT NULL, tax numeric(12,2) NOT NULL,
        shipping numeric(12,2) NOT NULL, total numeric(12,2) NOT NULL, payment_id uuid NOT NULL,
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, version bigint NOT NULL);
    CREATE INDEX IF NOT EXISTS ix_bench_orders_user_id ON bench.orders (user_id, created_at);
    CREATE TABLE IF NOT EXISTS bench.order_lines (
        id uuid PRIMARY KEY, order_id uuid NOT NULL REFERENCES bench.orders (id), position int NOT NULL,
        product_id uuid NOT NULL, name varchar(200) NOT NULL, unit_price numeric(12,2) NOT NULL,
        quantity int NOT NULL, line_total numeric(12,2) NOT NULL);
    CREATE INDEX IF NOT EXISTS ix_bench_order_lines_order_id ON bench.order_lines (order_id);
    CREATE TABLE IF NOT EXISTS bench.payments (
        id uuid PRIMARY KEY, order_id uuid NOT NULL, user_id uuid NOT NULL, provider varchar(64) NOT NULL,
        status varchar(32) NOT NULL, amount numeric(12,2) NOT NULL, currency varchar(3) NOT NULL,
        captured numeric(12,2) NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        version bigint NOT NULL);
    CREATE INDEX IF NOT EXISTS ix_bench_payments_order_id ON bench.payments (order_id);
    """))
{
    await setup.ExecuteNonQueryAsync();
}

app.MapPost("/bench/checkout", async (CheckoutRequest body, NpgsqlDataSource db, CancellationToken ct) =>
{
    await using var connection = await db.OpenConnectionAsync(ct);
    await using var tx = await connection.BeginTransactionAsync(ct);

    // (a) One unit of stock, only if there is one.
    decimal price;
    string name;
    await using (var take = new NpgsqlCommand(
        "UPDATE catalog.products SET stock = stock - 1 WHERE id = $1 AND stock >= 1 RETURNING price, name", connection, tx))
    {
        take.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = body.ProductId });
        await using var reader = await take.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return Results.Conflict(new { code = "insufficient_stock" });
        }

        price = reader.GetDecimal(0);
        name = reader.GetString(1);
    }

    // (b) The order, its line and the captured payment, in one round trip.
    var shipping = price >= 50m ? 0m : 4.99m;
    var tax = Math.Round(price * 0.0725m, 2, MidpointRounding.AwayFromZero);
    var total = price + tax + shipping;
    var orderId = Guid.CreateVersion7();
    var paymentId = Guid.CreateVersion7();
    var now = DateTimeOffset.UtcNow;
    await using var batch = new NpgsqlBatch(connection, tx);
    var order = new NpgsqlBatchCommand("""
        INSERT INTO bench.orders (id, number, user_id, status, currency, subtotal, tax, shipping, total, payment_id, created_at, updated_at, version)
        VALUES ($1, 'B' || lpad(nextval('bench.order_numbers')::text, 8, '0'), $2, 'Paid', $3, $4, $5, $6, $7, $8, $9, $9, 1)
        RETURNING number
        """);
    order.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = orderId });
    order.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = body.UserId });
    order.Parameters.Add(new NpgsqlParameter<string> { TypedValue = currency });
    order.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = price });
    order.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = tax });
    order.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = shipping });
    order.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = total });
    order.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = paymentId });
    order.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
    var line = new NpgsqlBatchCommand("""
        INSERT INTO bench.order_lines (id, order_id, position, product_id, name, unit_price, quantity, line_total)
        VALUES ($1, $2, 1, $3, $4, $5, 1, $5)
        """);
    line.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
    line.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = orderId });
    line.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = body.ProductId });
    line.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
    line.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = price });
    var payment = new NpgsqlBatchCommand("""
        INSERT INTO bench.payments (id, order_id, user_id, provider, status, amount, currency, captured, created_at, updated_at, version)
        VALUES ($1, $2, $3, 'test-card', 'Captured', $4, $5, $4, $6, $6, 1)
        """);
    payment.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = paymentId });
    payment.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = orderId });
    payment.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = body.UserId });
    payment.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = total });
    payment.Parameters.Add(new NpgsqlParameter<string> { TypedValue = currency });
    payment.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
    batch.BatchCommands.Add(order);
    batch.BatchCommands.Add(line);
    batch.BatchCommands.Add(payment);
    var number = (string)(await batch.ExecuteScalarAsync(ct))!;

    await tx.CommitAsync(ct);
    return Results.Json(new CheckoutResponse(orderId, number, "Paid", total, currency, paymentId), statusCode: StatusCodes.Status201Created);
});

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

internal sealed record CheckoutRequest(Guid ProductId, Guid UserId);

internal sealed record CheckoutResponse(Guid Id, string Number, string Status, decimal Total, string Currency, Guid PaymentId);

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
