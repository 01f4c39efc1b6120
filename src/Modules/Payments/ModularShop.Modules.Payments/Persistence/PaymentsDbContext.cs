using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Payments.Domain;

namespace ModularShop.Modules.Payments.Persistence;

internal sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => PaymentsModule.SchemaName;

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentEvent> Events => Set<PaymentEvent>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>The payment, locked (<c>FOR UPDATE</c>) until the current transaction ends, and tracked.</summary>
    public Task<Payment?> LockAsync(Guid paymentId, CancellationToken cancellationToken) =>
        Payments.FromSql($"SELECT * FROM payments.payments WHERE id = {paymentId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
}

internal sealed class PaymentsDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<PaymentsDbContext>
{
    protected override string Schema => PaymentsModule.SchemaName;

    protected override PaymentsDbContext Create(DbContextOptions<PaymentsDbContext> options) => new(options);
}
