using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Persistence;
using Npgsql;

namespace ModularShop.Modules.Catalog.Features.Stock;

/// <summary>
/// The only code that changes stock after a product is created (decision 0006). Every change is a conditional
/// statement on rows this transaction has locked in a fixed order — stock reservation rows, then products by id, then
/// variants by id — so concurrent sales neither oversell nor deadlock, and never touch a product's descriptive
/// <c>version</c>. A product's <c>stock</c> stays the sum of its variants' (updated in the same statement as theirs),
/// its <c>stock_version</c> grows with each change, and <c>CHECK (stock &gt;= 0)</c> is the last line of defence.
/// Every method runs inside the caller's transaction on the module's DbContext; <see cref="PublishAsync"/> adds the
/// stock events to it.
/// </summary>
internal sealed class StockLevels(CatalogDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Locks the products (in id order, until the transaction ends) and reads what a stock change needs to know. Two
    /// statements on purpose: under READ COMMITTED a statement that waited for a lock re-reads only the locked rows, so
    /// whether a product has variants (another table) must be read by a statement that starts after the lock.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, LockedProduct>> LockProductsAsync(IEnumerable<Guid> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().Order().ToArray();
        await using (var lockRows = Command("SELECT 1 FROM catalog.products WHERE id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE"))
        {
            lockRows.Parameters.AddWithValue("ids", ids);
            await lockRows.ExecuteNonQueryAsync(cancellationToken);
        }

        var found = new Dictionary<Guid, LockedProduct>(ids.Length);
        await using var command = Command(
            """
            SELECT p.id, p.archived_at IS NOT NULL, p.stock,
                   EXISTS (SELECT 1 FROM catalog.product_variants v WHERE v.product_id = p.id), p.version
            FROM catalog.products p WHERE p.id = ANY(@ids)
            """);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetGuid(0)] = new LockedProduct(reader.GetGuid(0), reader.GetBoolean(1), reader.GetInt32(2), reader.GetBoolean(3), reader.GetInt64(4));
        }

        return found;
    }

    /// <summary>Locks the variants (in id order, after their products) and reads their stock.</summary>
    public async Task<IReadOnlyDictionary<Guid, LockedVariant>> LockVariantsAsync(IEnumerable<Guid> variantIds, CancellationToken cancellationToken)
    {
        var ids = variantIds.Distinct().Order().ToArray();
        var found = new Dictionary<Guid, LockedVariant>(ids.Length);
        if (ids.Length == 0)
        {
            return found;
        }

        await using var command = Command(
            "SELECT id, product_id, stock FROM catalog.product_variants WHERE id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE");
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetGuid(0)] = new LockedVariant(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2));
        }

        return found;
    }

    /// <summary>
    /// Adds <c>Delta</c> units (negative: takes them) to each variant or product without variants, conditionally on
    /// never going below zero, and the same to the product's total, in one statement per kind. Lock first
    /// (<see cref="LockProductsAsync"/>, <see cref="LockVariantsAsync"/>) and check; if a condition still fails, this
    /// throws and the transaction must roll back.
    /// </summary>
    public async Task AdjustAsync(IReadOnlyList<StockDelta> deltas, CancellationToken cancellationToken)
    {
        var ofVariants = deltas.Where(d => d.VariantId is not null).ToList();
        if (ofVariants.Count > 0)
        {
            await using var command = Command(
                """
                WITH d AS (SELECT * FROM unnest(@ids, @deltas) AS d(id, delta)),
                     changed AS (
                         UPDATE catalog.product_variants v SET stock = v.stock + d.delta
                         FROM d WHERE v.id = d.id AND v.stock + d.delta >= 0
                         RETURNING v.product_id, d.delta)
                UPDATE catalog.products p SET stock = p.stock + c.delta, stock_version = p.stock_version + 1
                FROM (SELECT product_id, sum(delta)::int AS delta, count(*) AS n FROM changed GROUP BY product_id) c
                WHERE p.id = c.product_id
                RETURNING c.n
                """);
            command.Parameters.AddWithValue("ids", ofVariants.Select(d => d.VariantId!.Value).ToArray());
            command.Parameters.AddWithValue("deltas", ofVariants.Select(d => d.Delta).ToArray());
            var changed = 0L;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    changed += reader.GetInt64(0);
                }
            }

            EnsureAll(changed, ofVariants.Count);
        }

        var ofProducts = deltas.Where(d => d.VariantId is null).ToList();
        if (ofProducts.Count > 0)
        {
            await using var command = Command(
                """
                UPDATE catalog.products p SET stock = p.stock + d.delta, stock_version = p.stock_version + 1
                FROM unnest(@ids, @deltas) AS d(id, delta)
                WHERE p.id = d.id AND p.stock + d.delta >= 0
                  AND NOT EXISTS (SELECT 1 FROM catalog.product_variants v WHERE v.product_id = p.id)
                """);
            command.Parameters.AddWithValue("ids", ofProducts.Select(d => d.ProductId).ToArray());
            command.Parameters.AddWithValue("deltas", ofProducts.Select(d => d.Delta).ToArray());
            EnsureAll(await command.ExecuteNonQueryAsync(cancellationToken), ofProducts.Count);
        }
    }

    /// <summary>
    /// Stock takes of one (locked) product: sets each given variant's stock, or the product's own when it has no
    /// variants, then makes the product's stock the sum of its variants' again (also after variants were added or
    /// removed) and counts one stock change.
    /// </summary>
    public async Task SetAsync(Guid productId, IReadOnlyList<StockTake> takes, CancellationToken cancellationToken)
    {
        var ofVariants = takes.Where(t => t.VariantId is not null).ToList();
        if (ofVariants.Count > 0)
        {
            await using var command = Command(
                """
                UPDATE catalog.product_variants v SET stock = t.stock
                FROM unnest(@ids, @stocks) AS t(id, stock)
                WHERE v.id = t.id AND v.product_id = @product
                """);
            command.Parameters.AddWithValue("ids", ofVariants.Select(t => t.VariantId!.Value).ToArray());
            command.Parameters.AddWithValue("stocks", ofVariants.Select(t => t.Stock).ToArray());
            command.Parameters.AddWithValue("product", productId);
            EnsureAll(await command.ExecuteNonQueryAsync(cancellationToken), ofVariants.Count);
        }

        var own = takes.LastOrDefault(t => t.VariantId is null);
        await using var total = Command(
            """
            UPDATE catalog.products p SET
                stock = CASE WHEN EXISTS (SELECT 1 FROM catalog.product_variants v WHERE v.product_id = p.id)
                             THEN (SELECT coalesce(sum(v.stock), 0) FROM catalog.product_variants v WHERE v.product_id = p.id)
                             ELSE coalesce(@own, p.stock) END,
                stock_version = p.stock_version + 1
            WHERE p.id = @product
            """);
        total.Parameters.AddWithValue("product", productId);
        total.Parameters.Add(new NpgsqlParameter("own", NpgsqlTypes.NpgsqlDbType.Integer) { Value = own is null ? DBNull.Value : own.Stock });
        EnsureAll(await total.ExecuteNonQueryAsync(cancellationToken), 1);
    }

    /// <summary>Publishes one <see cref="StockChangedIntegrationEvent"/> per product with its stock levels as they are now in this transaction.</summary>
    public async Task PublishAsync(IEnumerable<Guid> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        var levels = await ReadAsync(ids, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var level in levels.Values)
        {
            db.Publish(new StockChangedIntegrationEvent(level.ProductId, level.StockVersion, level.Stock, level.Variants) { OccurredAt = now });
        }
    }

    /// <summary>The products' stock levels as this transaction sees them.</summary>
    public async Task<IReadOnlyDictionary<Guid, ProductStockLevels>> ReadAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, (int Stock, long StockVersion, List<VariantStockLevel> Variants)>();
        await using var command = Command(
            """
            SELECT p.id, p.stock, p.stock_version, v.id, v.stock
            FROM catalog.products p LEFT JOIN catalog.product_variants v ON v.product_id = p.id
            WHERE p.id = ANY(@ids)
            ORDER BY p.id, v.position
            """);
        command.Parameters.AddWithValue("ids", productIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (!found.TryGetValue(id, out var product))
            {
                found[id] = product = (reader.GetInt32(1), reader.GetInt64(2), []);
            }

            if (!reader.IsDBNull(3))
            {
                product.Variants.Add(new VariantStockLevel(reader.GetGuid(3), reader.GetInt32(4)));
            }
        }

        return found.ToDictionary(p => p.Key, p => new ProductStockLevels(p.Key, p.Value.Stock, p.Value.StockVersion, p.Value.Variants));
    }

    private NpgsqlCommand Command(string sql)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Stock statements run inside a transaction (they lock rows until it ends).");
        return new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction);
    }

    private static void EnsureAll(long changed, int expected)
    {
        if (changed != expected)
        {
            // Cannot happen after the locked check; if it does, the caller's transaction rolls back whole.
            throw new InvalidOperationException($"A stock statement changed {changed} rows instead of {expected}; nothing is applied.");
        }
    }
}

/// <summary>A product locked for a stock change.</summary>
internal sealed record LockedProduct(Guid Id, bool Archived, int Stock, bool HasVariants, long Version);

/// <summary>A variant locked for a stock change.</summary>
internal sealed record LockedVariant(Guid Id, Guid ProductId, int Stock);

/// <summary>Units to add to (positive) or take from (negative) a variant, or a product without variants.</summary>
internal sealed record StockDelta(Guid ProductId, Guid? VariantId, int Delta);

/// <summary>A product's stock as one transaction sees it.</summary>
internal sealed record ProductStockLevels(Guid ProductId, int Stock, long StockVersion, IReadOnlyList<VariantStockLevel> Variants);
