using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularShop.Modules.Cart.Domain;
using ModularShop.Modules.Cart.ReadModel;

namespace ModularShop.Modules.Cart.Persistence.Configurations;

internal sealed class ShoppingCartConfiguration : IEntityTypeConfiguration<ShoppingCart>
{
    public void Configure(EntityTypeBuilder<ShoppingCart> builder)
    {
        builder.ToTable("carts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.ItemCount);
        builder.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CartId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);

        // A user's active cart: their most recently changed one that was not merged away.
        builder.HasIndex(c => new { c.UserId, c.UpdatedAt }).HasFilter("user_id IS NOT NULL AND merged_into_id IS NULL");

        // The purge of anonymous carts nobody has looked at for a long time.
        builder.HasIndex(c => c.LastSeenAt).HasFilter("user_id IS NULL");
    }
}

internal sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> builder)
    {
        builder.ToTable("cart_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Ignore(i => i.SnapshotId);

        // One line per product/variant in a cart (a product without variants has a null variant).
        builder.HasIndex(i => new { i.CartId, i.ProductId, i.VariantId }).IsUnique().AreNullsDistinct(false);
    }
}

internal sealed class ProductSnapshotConfiguration : IEntityTypeConfiguration<ProductSnapshot>
{
    public void Configure(EntityTypeBuilder<ProductSnapshot> builder)
    {
        builder.ToTable("product_snapshots");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.ProductId);
    }
}
