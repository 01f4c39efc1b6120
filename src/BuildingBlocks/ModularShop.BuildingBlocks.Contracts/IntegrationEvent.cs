namespace ModularShop.BuildingBlocks.Contracts;

/// <summary>
/// Base of every integration event a module publishes through its outbox. Events are sealed records in
/// the publishing module's <c>*.Contracts</c> assembly and are serialised by their
/// <see cref="IntegrationEventNameAttribute"/> name, never by CLR type name.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique message id; consumers de-duplicate deliveries by it.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>
    /// When the change that raised the event happened (UTC), from the publisher's <c>TimeProvider</c>. Left unset,
    /// the publishing module's context stamps it when the event is published.
    /// </summary>
    public DateTimeOffset OccurredAt { get; init; }
}
