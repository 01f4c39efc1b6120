using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularShop.Modules.Catalog.Domain.Categories;
using ModularShop.Modules.Catalog.Domain.Products;
using NpgsqlTypes;

namespace ModularShop.Modules.Catalog.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    /// <summary>Shadow tsvector over name and description, kept by PostgreSQL (generated column, GIN index).</summary>
    public const string SearchVector = "SearchVector";

    /// <summary>'simple': no stemming or stop words, so every word matches as typed, case-insensitively.</summary>
    public const string SearchConfig = "simple";

    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products", t =>
        {
            t.HasCheckConstraint("ck_products_price", "price >= 0");
            t.HasCheckConstraint("ck_products_stock", "stock >= 0");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Slug).HasMaxLength(120).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(10_000).IsRequired();
        builder.Property(p => p.Images).HasColumnType("text[]");
        builder.Property(p => p.Version).IsConcurrencyToken();
        // Stock is written by EF only when the product is created; afterwards only by the stock statements
        // (Features/Stock/StockLevels), so a descriptive edit never overwrites units sold meanwhile.
        builder.Property(p => p.Stock).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        builder.Property(p => p.StockVersion).HasDefaultValue(0L).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        builder.Ignore(p => p.IsArchived);

        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Variants).HasField("_variants").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.Property<NpgsqlTsVector>(SearchVector)
            .HasComputedColumnSql($"to_tsvector('{SearchConfig}', coalesce(name, '') || ' ' || coalesce(description, ''))", stored: true);

        // One index per filter and sort of the public list; all partial on live (non-archived) products.
        const string live = "archived_at IS NULL";
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasIndex(SearchVector).HasMethod("GIN").HasFilter(live).HasDatabaseName("ix_products_search");
        builder.HasIndex(p => new { p.CreatedAt, p.Id }).IsDescending(true, true).HasFilter(live).HasDatabaseName("ix_products_newest");
        builder.HasIndex(p => new { p.Price, p.Id }).HasFilter(live).HasDatabaseName("ix_products_price");
        // sort=name orders by lower(name): an expression index EF cannot model, created in migration CaseInsensitiveNameSort.
        builder.HasIndex(p => p.CategoryId).HasFilter(live).HasDatabaseName("ix_products_category");
        builder.HasIndex(p => new { p.CreatedAt, p.Id }).IsDescending(true, true).HasFilter(live + " AND featured")
            .HasDatabaseName("ix_products_featured");
        builder.HasIndex(p => new { p.CreatedAt, p.Id }).IsDescending(true, true).HasFilter(live + " AND stock > 0")
            .HasDatabaseName("ix_products_in_stock");
    }
}

internal sealed class ProductVariantConfiguration : IEntityTypeConfiguration<ProductVariant>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public void Configure(EntityTypeBuilder<ProductVariant> builder)
    {
        builder.ToTable("product_variants", t =>
        {
            t.HasCheckConstraint("ck_product_variants_price", "price >= 0");
            t.HasCheckConstraint("ck_product_variants_stock", "stock >= 0");
        });
        builder.HasKey(v => v.Id);
        // The domain assigns ids (Guid v7). Without this, a variant added to a tracked product's collection has a
        // non-default key, so EF takes it for an existing row and UPDATEs it (0 rows → concurrency exception).
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Stock).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        builder.Property(v => v.Name).HasMaxLength(200).IsRequired();
        builder.Property(v => v.Sku).HasMaxLength(64).IsRequired();
        builder.Property(v => v.Options)
            .HasColumnType("jsonb")
            .HasConversion(
                options => JsonSerializer.Serialize(options, Json),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
                    d => d.Aggregate(0, (hash, kv) => HashCode.Combine(hash, kv.Key, kv.Value)),
                    d => new Dictionary<string, string>(d)));
        builder.HasIndex(v => v.Sku).IsUnique();
        builder.HasIndex(v => new { v.ProductId, v.Position });
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Slug).HasMaxLength(120).IsRequired();
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
