using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularShop.Modules.Orders.Domain;

namespace ModularShop.Modules.Orders.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders", t =>
        {
            t.HasCheckConstraint("ck_orders_totals", "subtotal + tax + shipping = total");
            t.HasCheckConstraint("ck_orders_refunded", "refunded >= 0 AND refunded <= total");
        });
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Number).HasMaxLength(32);
        builder.HasIndex(o => o.Number).IsUnique();
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.ShippingMethod).HasMaxLength(100);
        builder.Property(o => o.PaymentProvider).HasMaxLength(100);
        builder.Property(o => o.PaymentDisplay).HasMaxLength(200);
        builder.Property(o => o.PaymentStatus).HasMaxLength(32);
        builder.Property(o => o.PaymentNextActionType).HasMaxLength(32);
        builder.Property(o => o.PaymentNextActionUrl).HasMaxLength(2048);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Ignore(o => o.TotalMoney);
        builder.Ignore(o => o.RefundedMoney);
        builder.Ignore(o => o.Refundable);
        builder.OwnsOne(o => o.ShippingAddress, Address);
        builder.OwnsOne(o => o.BillingAddress, Address);
        builder.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        // A user's orders, newest first; the admin list by status, newest first; a payment's order.
        builder.HasIndex(o => new { o.UserId, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        builder.HasIndex(o => new { o.Status, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        builder.HasIndex(o => new { o.CreatedAt, o.Id }).IsDescending(true, true);
        builder.HasIndex(o => o.PaymentId);
    }

    private static void Address<T>(OwnedNavigationBuilder<T, PostalAddress> address)
        where T : class
    {
        address.Property(a => a.FullName).HasMaxLength(200);
        address.Property(a => a.Line1).HasMaxLength(200);
        address.Property(a => a.Line2).HasMaxLength(200);
        address.Property(a => a.City).HasMaxLength(100);
        address.Property(a => a.Region).HasMaxLength(100);
        address.Property(a => a.PostalCode).HasMaxLength(20);
        address.Property(a => a.Country).HasMaxLength(2);
        address.Property(a => a.Phone).HasMaxLength(40);
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> builder)
    {
        builder.ToTable("order_items", t => t.HasCheckConstraint("ck_order_items_quantity", "quantity > 0"));
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Sku).HasMaxLength(64);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.VariantName).HasMaxLength(200);
        builder.HasIndex(i => new { i.OrderId, i.Position }).IsUnique();
    }
}

internal sealed class OrderHistoryStepConfiguration : IEntityTypeConfiguration<OrderHistoryStep>
{
    public void Configure(EntityTypeBuilder<OrderHistoryStep> builder)
    {
        builder.ToTable("order_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(h => h.Reason).HasMaxLength(500);
        builder.HasIndex(h => new { h.OrderId, h.Sequence }).IsUnique();
    }
}
