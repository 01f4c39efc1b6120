using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Orders.Domain;
using ModularShop.Modules.Orders.Persistence;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>Changes of one order, each under the order's row lock, and the durable follow-ups they schedule.</summary>
internal sealed class OrderStore(OrdersDbContext db, TimeProvider clock)
{
    /// <summary>The host's time, to the microsecond PostgreSQL keeps (so an answer made before a save equals one read after it).</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = clock.GetUtcNow();
            return now.AddTicks(-(now.Ticks % 10));
        }
    }

    /// <summary>
    /// Locks and loads the order (only <paramref name="ownerId"/>'s, when given: another user's is not found), applies
    /// <paramref name="change"/> (which also publishes and schedules what goes with it) and saves, all in one
    /// transaction (joined, inside an idempotent request). Check first, write last: a failed change writes nothing.
    /// </summary>
    public async Task<Result<Order>> ChangeAsync(Guid orderId, Guid? ownerId, Func<Order, DateTimeOffset, Result> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockAsync(orderId, cancellationToken);
        var order = await db.LoadAsync(orderId, cancellationToken);
        if (order is null || (ownerId is not null && order.UserId != ownerId))
        {
            return OrderErrors.NotFound;
        }

        var result = change(order, Now);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return order;
    }

    /// <summary>Paid: publishes it and schedules the stock confirmation, in the caller's transaction.</summary>
    public void Paid(Order order, DateTimeOffset now)
    {
        db.Publish(OrderEvents.Paid(order, now));
        db.Schedule(new ConfirmOrderStock(order.Id), now);
    }

    /// <summary>Cancelled: publishes it and schedules the stock release and (unless it failed already) the payment's cancel, in the caller's transaction.</summary>
    public void Cancelled(Order order, string reason, DateTimeOffset now, bool cancelPayment = true)
    {
        db.Publish(OrderEvents.Cancelled(order, reason, now));
        db.Schedule(new ReleaseOrderStock(order.Id), now);
        if (cancelPayment)
        {
            db.Schedule(new CancelOrderPayment(order.Id, reason), now);
        }
    }

    /// <summary>The order's payment id, or null when there is no such order.</summary>
    public async Task<Guid?> PaymentIdAsync(Guid orderId, CancellationToken cancellationToken) =>
        await db.Orders.Where(o => o.Id == orderId).Select(o => (Guid?)o.PaymentId).SingleOrDefaultAsync(cancellationToken);

    public void Publish(BuildingBlocks.Contracts.IntegrationEvent integrationEvent) => db.Publish(integrationEvent);

    public void Schedule(BuildingBlocks.Infrastructure.Messaging.ScheduledMessage message, DateTimeOffset dueAt) => db.Schedule(message, dueAt);
}
