using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Orders.Domain;
using ModularShop.Modules.Orders.Features.Orders;
using ModularShop.Modules.Orders.Persistence;

namespace ModularShop.Modules.Orders.PublicApi;

/// <summary>
/// <see cref="IOrdersApi"/>: records checkout's orders, idempotent by order id. The order, its items, its first history
/// entry, its events and its durable follow-ups (stock confirmation when paid, the payment timeout when not) are one
/// <c>SaveChanges</c>; a repeat (also a parallel one, refused by the primary key) answers the order as it is.
/// </summary>
internal sealed class OrdersApi(OrdersDbContext db, OrderStore store, MediatR.IMediator mediator) : IOrdersApi
{
    public Task<Result<PagedResult<OrderDetails>>> ListForUserAsync(Guid userId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        mediator.Send(new ListMyOrders.Query(page, pageSize) { UserId = userId }, cancellationToken);

    public Task<Result<OrderDetails>> GetForUserAsync(Guid userId, Guid orderId, CancellationToken cancellationToken = default) =>
        mediator.Send(new GetMyOrder.Query(orderId) { UserId = userId }, cancellationToken);

    public Task<Result<OrderDetails>> CancelForUserAsync(Guid userId, Guid orderId, CancellationToken cancellationToken = default) =>
        mediator.Send(new CancelMyOrder.Command(orderId) { UserId = userId }, cancellationToken);

    private static readonly string[] PaidStatuses = ["Captured", "Authorized"];
    private static readonly string[] AwaitingStatuses = ["RequiresAction", "Pending"];

    public async Task<Result<OrderSummary>> PlaceAsync(PlaceOrder order, CancellationToken cancellationToken = default)
    {
        if (Check(order) is { } invalid)
        {
            return invalid;
        }

        // Placements of one order id queue here: the first inserts, the others then find its order (no wasted number,
        // no unique violation). The primary key stays the last line of defence.
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended('orders.place:' || {order.OrderId.ToString()}, 0))", cancellationToken);
        if (await FindAsync(order.OrderId, cancellationToken) is { } existing)
        {
            return Repeat(existing, order);
        }

        var paid = PaidStatuses.Contains(order.Payment.Status, StringComparer.Ordinal);
        var now = store.Now;
        var placed = Order.Place(
            order.OrderId,
            await db.NextNumberAsync(cancellationToken),
            order.UserId,
            order.ReservationId,
            [.. order.Lines.Select(l => new OrderItemSnapshot(l.ProductId, l.VariantId, l.Sku, l.Name, l.VariantName, l.UnitPrice, l.Quantity, l.LineTotal))],
            order.Subtotal,
            order.Tax,
            order.Shipping,
            order.Total,
            Address(order.ShippingAddress),
            Address(order.BillingAddress),
            order.ShippingMethod,
            new OrderPaymentCopy(
                order.Payment.PaymentId,
                order.Payment.Provider,
                order.Payment.Display,
                order.Payment.Status,
                order.Payment.NextActionType,
                order.Payment.NextActionUrl?.ToString(),
                order.Payment.Version),
            paid,
            order.PaymentDueAt,
            now);
        if (!placed.IsSuccess)
        {
            return placed.Error;
        }

        var created = placed.Value;
        db.Orders.Add(created);
        store.Publish(OrderEvents.Placed(created, now));
        if (paid)
        {
            store.Paid(created, now);
        }
        else
        {
            store.Schedule(new PaymentTimeout(created.Id), order.PaymentDueAt!.Value);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // A parallel placement of the same order won (primary key): answer its order.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var winner = await FindAsync(order.OrderId, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return Repeat(winner, order);
        }

        // A paid order's stock is confirmed by its ConfirmOrderStock, due at once: the message pump runs it right after this
        // commit (not inline as well: that would confirm twice, for nothing a shopper or the response can see).
        return Summary(created);
    }

    public async Task<OrderSummary?> GetAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        await FindAsync(orderId, cancellationToken) is { } order ? Summary(order) : null;

    public async Task<OrderDetails?> GetDetailsAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var details = await db.OneAsync(orderId, null, cancellationToken);
        return details.IsSuccess ? details.Value : null;
    }

    private Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);

    private static Result<OrderSummary> Repeat(Order existing, PlaceOrder order) =>
        existing.UserId == order.UserId && existing.PaymentId == order.Payment.PaymentId ? Summary(existing) : OrderErrors.Mismatch;

    private static OrderSummary Summary(Order o) =>
        new(o.Id, o.Number, o.UserId, o.Status.ToString(), o.TotalMoney, o.PaymentId, o.PaymentStatus, o.CreatedAt);

    private static PostalAddress Address(OrderAddress a) =>
        new(a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone);

    /// <summary>What the domain does not check: the payment may back an order, and the texts fit.</summary>
    private static Error? Check(PlaceOrder order)
    {
        if (!PaidStatuses.Contains(order.Payment.Status, StringComparer.Ordinal) && !AwaitingStatuses.Contains(order.Payment.Status, StringComparer.Ordinal))
        {
            return Error.Validation("payment.status", $"A {order.Payment.Status} payment places no order: it must be Captured, Authorized, RequiresAction or Pending.");
        }

        if (AwaitingStatuses.Contains(order.Payment.Status, StringComparer.Ordinal) && order.PaymentDueAt is null)
        {
            return Error.Validation("paymentDueAt", "An order waiting for its payment needs the time it is cancelled if still unpaid.");
        }

        if (order.OrderId == Guid.Empty || order.UserId == Guid.Empty || order.Payment.PaymentId == Guid.Empty)
        {
            return Error.Validation("orderId", "The order, user and payment ids must be set.");
        }

        var texts = new (string Field, string? Value, int Max, bool Required)[]
        {
            ("shippingMethod", order.ShippingMethod, 100, true),
            ("payment.provider", order.Payment.Provider, 100, true),
            ("payment.display", order.Payment.Display, 200, false),
            ("payment.nextActionUrl", order.Payment.NextActionUrl?.ToString(), 2048, false),
        }
        .Concat(AddressTexts("shippingAddress", order.ShippingAddress))
        .Concat(AddressTexts("billingAddress", order.BillingAddress))
        .Concat(order.Lines.SelectMany((l, i) => new (string, string?, int, bool)[]
        {
            ($"lines[{i}].sku", l.Sku, 64, true), ($"lines[{i}].name", l.Name, 200, true), ($"lines[{i}].variantName", l.VariantName, 200, false),
        }));
        foreach (var (field, value, max, required) in texts)
        {
            if ((required && string.IsNullOrWhiteSpace(value)) || value?.Length > max)
            {
                return Error.Validation(field, required ? $"Required, at most {max} characters." : $"At most {max} characters.");
            }
        }

        return null;
    }

    private static IEnumerable<(string, string?, int, bool)> AddressTexts(string prefix, OrderAddress? a) => a is null
        ? [(prefix, null, 0, true)]
        : [
            ($"{prefix}.fullName", a.FullName, 200, true), ($"{prefix}.line1", a.Line1, 200, true), ($"{prefix}.line2", a.Line2, 200, false),
            ($"{prefix}.city", a.City, 100, true), ($"{prefix}.region", a.Region, 100, false), ($"{prefix}.postalCode", a.PostalCode, 20, true),
            ($"{prefix}.country", a.Country, 2, true), ($"{prefix}.phone", a.Phone, 40, false),
        ];
}
