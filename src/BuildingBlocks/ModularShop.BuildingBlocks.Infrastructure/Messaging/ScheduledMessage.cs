namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// A message a module sends to itself for later: "release this reservation at 12:30", "cancel this order if it is
/// still unpaid at 13:00". A sealed record in the module (it is nobody else's contract) with a stable
/// <see cref="ScheduledMessageNameAttribute"/>, scheduled with <c>db.Schedule(message, dueAt)</c> in the same
/// transaction as the change that needs it, and handled by the module's <see cref="IScheduledMessageHandler{TMessage}"/>.
/// </summary>
public abstract record ScheduledMessage
{
    /// <summary>Unique message id: one id is scheduled once (scheduling it again fails that save with a duplicate key).</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
}
