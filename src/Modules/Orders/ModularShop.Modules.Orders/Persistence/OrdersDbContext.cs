using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Orders.Domain;

namespace ModularShop.Modules.Orders.Persistence;

internal sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : ModuleDbContext(options)
{
    /// <summary>Order numbers: <c>MS-</c> and the next value (from 100001).</summary>
    public const string NumberSequence = "order_number_seq";

    public override string Schema => OrdersModule.SchemaName;

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderItem> Items => Set<OrderItem>();

    public DbSet<OrderHistoryStep> History => Set<OrderHistoryStep>();

    /// <summary>The next order number, <c>MS-100001</c> and up (gaps are possible: a number taken by a rolled-back placement is not reused).</summary>
    public async Task<string> NextNumberAsync(CancellationToken cancellationToken)
    {
        var value = await Database.SqlQuery<long>($"SELECT nextval('orders.order_number_seq') AS \"Value\"").SingleAsync(cancellationToken);
        return $"MS-{value}";
    }

    /// <summary>Locks the order's row until the transaction ends (every change of an order takes it first).</summary>
    public Task LockAsync(Guid orderId, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT id FROM orders.orders WHERE id = {orderId} FOR UPDATE", cancellationToken);

    /// <summary>The order with its items and history, tracked.</summary>
    public Task<Order?> LoadAsync(Guid orderId, CancellationToken cancellationToken) =>
        Orders.Include(o => o.Items).Include(o => o.History).AsSplitQuery().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasSequence<long>(NumberSequence).StartsAt(100001).IncrementsBy(1);
    }
}

internal sealed class OrdersDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<OrdersDbContext>
{
    protected override string Schema => OrdersModule.SchemaName;

    protected override OrdersDbContext Create(DbContextOptions<OrdersDbContext> options) => new(options);
}
