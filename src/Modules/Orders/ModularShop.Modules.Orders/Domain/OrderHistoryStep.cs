namespace ModularShop.Modules.Orders.Domain;

/// <summary>One step of an order's life: the status it reached (or kept, for a partial refund or a note), when, and why.</summary>
internal sealed class OrderHistoryStep
{
    private OrderHistoryStep()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    /// <summary>Order of the entries (1, 2, …).</summary>
    public int Sequence { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>For refunds: the amount given back by this step.</summary>
    public decimal? Amount { get; private set; }

    public static OrderHistoryStep Create(Guid orderId, int sequence, OrderStatus status, DateTimeOffset at, string? reason, decimal? amount = null) => new()
    {
        Id = Guid.NewGuid(),
        OrderId = orderId,
        Sequence = sequence,
        Status = status,
        At = at,
        Reason = reason,
        Amount = amount,
    };
}
