using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularShop.Modules.Payments.Domain;

namespace ModularShop.Modules.Payments.Persistence.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments", t =>
        {
            t.HasCheckConstraint("ck_payments_amounts", "amount > 0 AND captured >= 0 AND refunded >= 0 AND refunded <= captured AND captured <= amount");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Provider).HasMaxLength(PaymentLimits.Provider);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Currency).HasMaxLength(PaymentLimits.Currency);
        builder.Property(p => p.MethodDisplay).HasMaxLength(PaymentLimits.MethodDisplay);
        builder.Property(p => p.ProviderReference).HasMaxLength(PaymentLimits.ProviderReference);
        builder.Property(p => p.NextActionType).HasMaxLength(PaymentLimits.NextActionType);
        builder.Property(p => p.NextActionUrl).HasMaxLength(PaymentLimits.NextActionUrl);
        builder.Property(p => p.Instructions).HasMaxLength(PaymentLimits.Instructions);
        builder.Property(p => p.FailureCode).HasMaxLength(PaymentLimits.FailureCode);
        builder.Property(p => p.FailureMessage).HasMaxLength(PaymentLimits.FailureMessage);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.AmountMoney);
        builder.Ignore(p => p.Refundable);
        builder.Ignore(p => p.ProviderAnswered);
        builder.HasMany(p => p.Events).WithOne().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(p => p.OrderId);
        builder.HasIndex(p => p.UserId);

        // Reconciliation: waiting payments by age, captured payments whose order was not seen yet.
        builder.HasIndex(p => new { p.Status, p.UpdatedAt });
    }
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> builder)
    {
        builder.ToTable("payment_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(PaymentLimits.EventType);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.ProviderEventId).HasMaxLength(PaymentLimits.ProviderEventId);
        builder.HasIndex(e => new { e.PaymentId, e.At });
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds", t => t.HasCheckConstraint("ck_refunds_amount", "amount > 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reason).HasMaxLength(PaymentLimits.Reason);
        builder.Property(r => r.Status).HasMaxLength(32);
        builder.Property(r => r.ProviderReference).HasMaxLength(PaymentLimits.ProviderReference);
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Provider).HasMaxLength(PaymentLimits.Provider);
        builder.Property(d => d.EventId).HasMaxLength(PaymentLimits.ProviderEventId);
        builder.Property(d => d.Type).HasMaxLength(PaymentLimits.EventType);
        builder.Property(d => d.PaymentReference).HasMaxLength(PaymentLimits.ProviderReference);

        // De-duplication: each provider event is processed once.
        builder.HasIndex(d => new { d.Provider, d.EventId }).IsUnique();
    }
}
