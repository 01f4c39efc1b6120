// Benchmark-only app (eng/bench.sh, docs/benchmarks.md): the "raw" baseline for
// GET /api/catalog/products?page=1&pageSize=20 — newest live products with category and variants,
// read with plain Npgsql (two SQL statements, no EF, no MediatR, no Carter) and written as the same
// JSON as the host (camelCase, same field order, same paging envelope, timestamps as UTC with 'Z').
// It is not part of the product API and has no filters, validation, caching or auth.
//
// POST /bench/checkout {productId, userId} — the "raw" cost of a checkout's durable work (issue 12): ONE
// transaction that takes one unit of stock conditionally (409 when none is left) and writes an order, its line
// and a captured payment into the baseline's own tables (schema `bench`, created at start-up), then 201.
//
// POST /bench/checkout-steps {productId, userId} — the same checkout cut into the steps the architecture requires
// (decision 0010: no transaction spans modules; a persisted, resumable process; the provider called between
// commits), still plain Npgsql with every step one round trip: a LOWER BOUND for the host's checkout, not a
// baseline. Eight transactions: key claim + process row, reservation (+ its event), `Charging` (+ price snapshot),
// payment (+ its event log and event), order (+ line, history, event, scheduled stock confirmation), completion
// (process row + key) — then the two follow-ups the host runs after answering, here before: the stock confirmation
// (reservation confirmed, its scheduled message consumed) and the events' deliveries (the three outbox rows
// consumed), one transaction each. Left out, so the bound stays a bound: the outbox relay and inbox bookkeeping,
// removing the sold cart line, auth, validation, reading the cart and the JSON of the full order.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Shop")
    ?? throw new InvalidOperationException("ConnectionStrings:Shop is required.");
var currency = builder.Configuration["Shop:Currency"] ?? "USD";
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));

// /bench/checkout-steps gets the host's connection tuning (no DISCARD ALL on return, statements auto-prepared), so
// that its eight transactions are a bound, not inflated by eight connection resets.
builder.Services.AddKeyedSingleton("steps", NpgsqlDataSource.Create(
    new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64 }.ConnectionString));
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
    CREATE TABLE IF NOT EXISTS bench.idempotency_keys (
        key varchar(255) PRIMARY KEY, user_id uuid NOT NULL, request_hash varchar(64) NOT NULL, status varchar(16) NOT NULL,
        response jsonb, created_at timestamptz NOT NULL, completed_at timestamptz);
    CREATE TABLE IF NOT EXISTS bench.checkouts (
        id uuid PRIMARY KEY, user_id uuid NOT NULL, product_id uuid NOT NULL, status varchar(32) NOT NULL, snapshot jsonb,
        order_id uuid, payment_id uuid, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, version int NOT NULL);
    CREATE TABLE IF NOT EXISTS bench.reservations (
        id uuid PRIMARY KEY, checkout_id uuid NOT NULL UNIQUE, product_id uuid NOT NULL, quantity int NOT NULL,
        status varchar(16) NOT NULL, expires_at timestamptz NOT NULL, created_at timestamptz NOT NULL);
    CREATE TABLE IF NOT EXISTS bench.payment_events (
        id uuid PRIMARY KEY, payment_id uuid NOT NULL, kind varchar(32) NOT NULL, amount numeric(12,2) NOT NULL,
        created_at timestamptz NOT NULL);
    CREATE INDEX IF NOT EXISTS ix_bench_payment_events_payment_id ON bench.payment_events (payment_id);
    CREATE TABLE IF NOT EXISTS bench.order_history (
        id uuid PRIMARY KEY, order_id uuid NOT NULL, status varchar(32) NOT NULL, reason varchar(200),
        created_at timestamptz NOT NULL);
    CREATE INDEX IF NOT EXISTS ix_bench_order_history_order_id ON bench.order_history (order_id);
    CREATE TABLE IF NOT EXISTS bench.outbox (
        id uuid PRIMARY KEY, source varchar(32) NOT NULL, type varchar(100) NOT NULL, payload jsonb NOT NULL,
        due_at timestamptz NOT NULL, created_at timestamptz NOT NULL);
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

app.MapPost("/bench/checkout-steps", async (CheckoutRequest body, [FromKeyedServices("steps")] NpgsqlDataSource db, CancellationToken ct) =>
{
    var key = Guid.CreateVersion7().ToString();
    var checkoutId = Guid.CreateVersion7();
    var now = DateTimeOffset.UtcNow;

    // 1. Checkout: claim the Idempotency-Key and start the process row, one transaction.
    await Steps.RunAsync(db, static (b, a) =>
    {
        b.Add("INSERT INTO bench.idempotency_keys (key, user_id, request_hash, status, created_at) VALUES ($1, $2, $3, 'InFlight', $4)",
            a.Key, a.UserId, "0f3c5a9e2b7d4c1a8e6f0b3d5c7a9e1f2b4d6c8a0e2f4b6d8c0a2e4f6b8d0c2a", a.Now);
        b.Add("INSERT INTO bench.checkouts (id, user_id, product_id, status, created_at, updated_at, version) VALUES ($1, $2, $3, 'Started', $4, $4, 1)",
            a.CheckoutId, a.UserId, a.ProductId, a.Now);
    }, new StepArgs(key, checkoutId, body.UserId, body.ProductId, now), ct);

    var reservedEvent = Guid.CreateVersion7();
    var paymentEvent = Guid.CreateVersion7();
    var placedEvent = Guid.CreateVersion7();
    var confirmMessage = Guid.CreateVersion7();

    // 2. Catalog: take the unit (409 when none is left), record the reservation and its event, one transaction.
    decimal price;
    string name;
    await using (var connection = await db.OpenConnectionAsync(ct))
    await using (var tx = await connection.BeginTransactionAsync(ct))
    {
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

        await using var batch = new NpgsqlBatch(connection, tx);
        Steps.Add(batch, "INSERT INTO bench.reservations (id, checkout_id, product_id, quantity, status, expires_at, created_at) VALUES ($1, $2, $3, 1, 'Held', $4, $5)",
            Guid.CreateVersion7(), checkoutId, body.ProductId, now.AddMinutes(15), now);
        Steps.Add(batch, "INSERT INTO bench.outbox (id, source, type, payload, due_at, created_at) VALUES ($1, 'catalog', 'StockReserved', $2::jsonb, $3, $3)",
            reservedEvent, $$"""{"checkoutId":"{{checkoutId}}","productId":"{{body.ProductId}}","quantity":1}""", now);
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    var shipping = price >= 50m ? 0m : 4.99m;
    var tax = Math.Round(price * 0.0725m, 2, MidpointRounding.AwayFromZero);
    var total = price + tax + shipping;
    var orderId = Guid.CreateVersion7();
    var paymentId = Guid.CreateVersion7();
    var snapshot = JsonSerializer.Serialize(new
    {
        lines = new[] { new { productId = body.ProductId, name, unitPrice = price, quantity = 1 } },
        subtotal = price,
        tax,
        shipping,
        total,
        currency,
        address = new { fullName = "Bench Customer", line1 = "1 Main St", city = "San Francisco", region = "CA", postalCode = "94105", country = "US" },
    });

    // 3. Checkout: `Charging`, with the price snapshot, committed before the provider is called.
    await Steps.RunAsync(db, static (b, a) =>
        b.Add("UPDATE bench.checkouts SET status = 'Charging', snapshot = $2::jsonb, payment_id = $3, order_id = $4, updated_at = now(), version = version + 1 WHERE id = $1",
            a.CheckoutId, a.Text!, a.PaymentId, a.OrderId),
        new StepArgs(key, checkoutId, body.UserId, body.ProductId, now, snapshot, paymentId, orderId), ct);

    // 4. Payments: the captured payment, its event log and its event, one transaction.
    await Steps.RunAsync(db, static (b, a) =>
    {
        b.Add("INSERT INTO bench.payments (id, order_id, user_id, provider, status, amount, currency, captured, created_at, updated_at, version) VALUES ($1, $2, $3, 'test-card', 'Captured', $4, $5, $4, $6, $6, 1)",
            a.PaymentId, a.OrderId, a.UserId, a.Total, a.Currency, a.Now);
        b.Add("INSERT INTO bench.payment_events (id, payment_id, kind, amount, created_at) VALUES ($1, $2, 'Captured', $3, $4)",
            Guid.CreateVersion7(), a.PaymentId, a.Total, a.Now);
        b.Add("INSERT INTO bench.outbox (id, source, type, payload, due_at, created_at) VALUES ($1, 'payments', 'PaymentUpdated', $2::jsonb, $3, $3)",
            a.MessageId, $$"""{"paymentId":"{{a.PaymentId}}","status":"Captured","amount":{{a.Total}}}""", a.Now);
    }, new StepArgs(key, checkoutId, body.UserId, body.ProductId, now, null, paymentId, orderId, total, currency, paymentEvent), ct);

    // 5. Orders: the order (number from the sequence), its line, history, event and scheduled stock confirmation.
    string number;
    await using (var connection = await db.OpenConnectionAsync(ct))
    await using (var tx = await connection.BeginTransactionAsync(ct))
    {
        await using var batch = new NpgsqlBatch(connection, tx);
        Steps.Add(batch, """
            INSERT INTO bench.orders (id, number, user_id, status, currency, subtotal, tax, shipping, total, payment_id, created_at, updated_at, version)
            VALUES ($1, 'S' || lpad(nextval('bench.order_numbers')::text, 8, '0'), $2, 'Paid', $3, $4, $5, $6, $7, $8, $9, $9, 1)
            RETURNING number
            """, orderId, body.UserId, currency, price, tax, shipping, total, paymentId, now);
        Steps.Add(batch, "INSERT INTO bench.order_lines (id, order_id, position, product_id, name, unit_price, quantity, line_total) VALUES ($1, $2, 1, $3, $4, $5, 1, $5)",
            Guid.CreateVersion7(), orderId, body.ProductId, name, price);
        Steps.Add(batch, "INSERT INTO bench.order_history (id, order_id, status, reason, created_at) VALUES ($1, $2, 'Paid', 'checkout', $3)",
            Guid.CreateVersion7(), orderId, now);
        Steps.Add(batch, "INSERT INTO bench.outbox (id, source, type, payload, due_at, created_at) VALUES ($1, 'orders', 'OrderPlaced', $2::jsonb, $3, $3)",
            placedEvent, $$"""{"orderId":"{{orderId}}","checkoutId":"{{checkoutId}}","total":{{total}}}""", now);
        Steps.Add(batch, "INSERT INTO bench.outbox (id, source, type, payload, due_at, created_at) VALUES ($1, 'orders', 'ConfirmStock', $2::jsonb, $3, $3)",
            confirmMessage, $$"""{"orderId":"{{orderId}}","checkoutId":"{{checkoutId}}"}""", now);
        number = (string)(await batch.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
    }

    // 6. Checkout: `Completed`, and the key's stored answer, one transaction.
    var response = new CheckoutResponse(orderId, number, "Paid", total, currency, paymentId);
    await Steps.RunAsync(db, static (b, a) =>
    {
        b.Add("UPDATE bench.checkouts SET status = 'Completed', updated_at = now(), version = version + 1 WHERE id = $1", a.CheckoutId);
        b.Add("UPDATE bench.idempotency_keys SET status = 'Completed', response = $2::jsonb, completed_at = now() WHERE key = $1", a.Key, a.Text!);
    }, new StepArgs(key, checkoutId, body.UserId, body.ProductId, now, JsonSerializer.Serialize(response)), ct);

    // 7. Catalog (a follow-up): the stock confirmation, its scheduled message consumed.
    await Steps.RunAsync(db, static (b, a) =>
    {
        b.Add("UPDATE bench.reservations SET status = 'Confirmed' WHERE checkout_id = $1", a.CheckoutId);
        b.Add("DELETE FROM bench.outbox WHERE id = $1", a.MessageId);
    }, new StepArgs(key, checkoutId, body.UserId, body.ProductId, now, MessageId: confirmMessage), ct);

    // 8. The events' deliveries (follow-ups): their outbox rows consumed.
    await Steps.RunAsync(db, static (b, a) => b.Add("DELETE FROM bench.outbox WHERE id = ANY($1)", (object)a.MessageIds!),
        new StepArgs(key, checkoutId, body.UserId, body.ProductId, now, MessageIds: [reservedEvent, paymentEvent, placedEvent]), ct);

    return Results.Json(response, statusCode: StatusCodes.Status201Created);
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

internal sealed record StepArgs(
    string Key, Guid CheckoutId, Guid UserId, Guid ProductId, DateTimeOffset Now, string? Text = null,
    Guid PaymentId = default, Guid OrderId = default, decimal Total = 0, string Currency = "USD", Guid MessageId = default,
    Guid[]? MessageIds = null);

/// <summary>/bench/checkout-steps' helpers: one step = one transaction = one batch (one round trip) + COMMIT.</summary>
internal static class Steps
{
    public static async Task RunAsync(NpgsqlDataSource db, Action<NpgsqlBatch, StepArgs> build, StepArgs args, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, tx);
        build(batch, args);
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static void Add(this NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }
}

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
