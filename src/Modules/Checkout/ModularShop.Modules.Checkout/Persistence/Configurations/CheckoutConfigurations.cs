using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularShop.Modules.Checkout.Domain;

namespace ModularShop.Modules.Checkout.Persistence.Configurations;

internal sealed class CheckoutProcessConfiguration : IEntityTypeConfiguration<CheckoutProcess>
{
    public void Configure(EntityTypeBuilder<CheckoutProcess> builder)
    {
        builder.ToTable("checkouts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Step).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Snapshot).HasColumnType("jsonb");
        builder.Property(c => c.FailureCode).HasMaxLength(100);
        builder.Property(c => c.FailureMessage).HasMaxLength(500);
        builder.HasIndex(c => new { c.Step, c.UpdatedAt });
        builder.Ignore(c => c.ReservationId);
        builder.Ignore(c => c.PaymentId);
        builder.Ignore(c => c.OrderId);
        builder.Ignore(c => c.IsFinal);
        builder.Ignore(c => c.MayHaveCharged);
    }
}
