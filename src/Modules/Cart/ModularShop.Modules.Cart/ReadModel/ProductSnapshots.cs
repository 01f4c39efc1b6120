using Microsoft.EntityFrameworkCore;
using ModularShop.Modules.Cart.Domain;
using ModularShop.Modules.Cart.Persistence;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

namespace ModularShop.Modules.Cart.ReadModel;

/// <summary>A product's whole state at one catalog version, as Cart stores it.</summary>
internal sealed record ProductState(
    Guid ProductId,
    long Version,
    long StockVersion,
    string Name,
    string Sku,
    string? Image,
    decimal Price,
    int Stock,
    bool Archived,
    IReadOnlyList<VariantState> Variants)
{
    public static ProductState From(CatalogProduct p) =>
        new(p.Id, p.Version, p.StockVersion, p.Name, p.Sku, p.Image, p.Price.Amount, p.Stock, p.Archived,
            [.. p.Variants.Select(v => new VariantState(v.Id, v.Name, v.Sku, v.Price.Amount, v.Stock))]);

    /// <summary>
    /// From the event. A product's own SKU is its slug in upper case (the rule <see cref="CatalogProduct.Sku"/>
    /// documents); the event carries the slug.
    /// </summary>
    public static ProductState From(ProductUpdatedIntegrationEvent e) =>
        new(e.ProductId, e.Version, e.StockVersion, e.Name, e.Slug.ToUpperInvariant(), e.Image, e.Price, e.Stock, e.Archived,
            [.. e.Variants.Select(v => new VariantState(v.VariantId, v.Name, v.Sku, v.Price, v.Stock))]);

    /// <summary>The product itself (<paramref name="variantId"/> null) or one of its variants, as something to buy.</summary>
    public PurchasableItem? Find(Guid? variantId)
    {
        if (variantId is null)
        {
            return new PurchasableItem(ProductId, null, Sku, Name, null, Image, Price, Stock, Archived);
        }

        var variant = Variants.FirstOrDefault(v => v.VariantId == variantId);
        return variant is null
            ? null
            : new PurchasableItem(ProductId, variant.VariantId, variant.Sku, Name, variant.Name, Image, variant.Price, variant.Stock, Archived);
    }
}

internal sealed record VariantState(Guid VariantId, string Name, string Sku, decimal Price, int Stock);

internal static class ProductSnapshots
{
    /// <summary>
    /// Writes <paramref name="state"/> (the product's row and one row per variant) unless Cart already holds
    /// the same or a newer version, and deletes variants the product no longer has. Call inside a transaction
    /// (the event dispatcher's, or a cart change's): a per-product advisory lock serialises the writers of one
    /// product until commit. One round trip for the rows, whatever the number of variants.
    /// </summary>
    public static async Task UpsertAsync(CartDbContext db, ProductState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = state.Variants.Count + 1;
        var ids = new Guid[count];
        var variantIds = new Guid?[count];
        var variantNames = new string?[count];
        var skus = new string[count];
        var prices = new decimal[count];
        var stocks = new int[count];
        ids[0] = state.ProductId;
        skus[0] = state.Sku;
        prices[0] = state.Price;
        stocks[0] = state.Stock;
        for (var i = 0; i < state.Variants.Count; i++)
        {
            var v = state.Variants[i];
            ids[i + 1] = v.VariantId;
            variantIds[i + 1] = v.VariantId;
            variantNames[i + 1] = v.Name;
            skus[i + 1] = v.Sku;
            prices[i + 1] = v.Price;
            stocks[i + 1] = v.Stock;
        }

        // Writers of one product queue up here, and the statements below are new statements, so they see what the
        // writer before them committed (a single statement's snapshot could resurrect a variant deleted meanwhile).
        await LockProductAsync(db, state.ProductId, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO cart.product_snapshots
                (id, product_id, variant_id, product_name, variant_name, sku, image, price, stock, archived, version, stock_version, refreshed_at)
            SELECT u.id, {state.ProductId}, u.variant_id, {state.Name}, u.variant_name, u.sku, {state.Image}, u.price, u.stock,
                   {state.Archived}, {state.Version}, {state.StockVersion}, {now}
            FROM unnest({ids}, {variantIds}, {variantNames}, {skus}, {prices}, {stocks})
                AS u(id, variant_id, variant_name, sku, price, stock)
            -- A variant removed at a newer version must not come back from an older state.
            WHERE NOT EXISTS (SELECT 1 FROM cart.product_snapshots s WHERE s.id = {state.ProductId} AND s.version >= {state.Version})
            ON CONFLICT (id) DO UPDATE SET
                product_id = EXCLUDED.product_id, variant_id = EXCLUDED.variant_id, product_name = EXCLUDED.product_name,
                variant_name = EXCLUDED.variant_name, sku = EXCLUDED.sku, image = EXCLUDED.image, price = EXCLUDED.price,
                archived = EXCLUDED.archived, version = EXCLUDED.version, refreshed_at = EXCLUDED.refreshed_at,
                -- Stock moves on its own counter: a newer description may carry older stock figures.
                stock = CASE WHEN product_snapshots.stock_version <= EXCLUDED.stock_version THEN EXCLUDED.stock ELSE product_snapshots.stock END,
                stock_version = GREATEST(product_snapshots.stock_version, EXCLUDED.stock_version)
            WHERE product_snapshots.version < EXCLUDED.version;
            DELETE FROM cart.product_snapshots WHERE product_id = {state.ProductId} AND version < {state.Version};
            """,
            cancellationToken);

        // An older description may still carry newer stock figures (the stock sold after the product was last edited).
        await UpdateStockAsync(db, state.StockVersion, ids, stocks, cancellationToken);
    }

    /// <summary>
    /// Applies stock levels at <paramref name="stockVersion"/> (a <c>catalog.stock-changed.v2</c> event) to the rows Cart
    /// holds, where they are older. Rows Cart does not hold are not created: a product or variant enters the read model
    /// with its description. Call inside a transaction.
    /// </summary>
    public static async Task ApplyStockAsync(
        CartDbContext db, Guid productId, long stockVersion, int productStock, IReadOnlyList<(Guid VariantId, int Stock)> variants, CancellationToken cancellationToken)
    {
        await LockProductAsync(db, productId, cancellationToken);
        Guid[] ids = [productId, .. variants.Select(v => v.VariantId)];
        int[] stocks = [productStock, .. variants.Select(v => v.Stock)];
        await UpdateStockAsync(db, stockVersion, ids, stocks, cancellationToken);
    }

    private static Task<int> UpdateStockAsync(CartDbContext db, long stockVersion, Guid[] ids, int[] stocks, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE cart.product_snapshots s SET stock = u.stock, stock_version = {stockVersion}
            FROM unnest({ids}, {stocks}) AS u(id, stock)
            WHERE s.id = u.id AND s.stock_version < {stockVersion}
            """,
            cancellationToken);

    private static Task<int> LockProductAsync(CartDbContext db, Guid productId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended('cart.product:' || {productId.ToString()}, 0))", cancellationToken);

    /// <summary>The read model's rows for these products/variants, by id.</summary>
    public static async Task<Dictionary<Guid, ProductSnapshot>> LoadAsync(CartDbContext db, IEnumerable<Guid> snapshotIds, CancellationToken cancellationToken)
    {
        var ids = snapshotIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }
}
