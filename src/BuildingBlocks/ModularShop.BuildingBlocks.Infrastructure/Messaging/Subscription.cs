namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// One subscription: a handler, in one module's DbContext, for one message name. <see cref="Name"/> is its stable
/// identity — the key of its queue in the module's inbox — chosen at registration like an event name, so renaming or
/// moving the handler class never redelivers old messages. Each subscription is delivered on its own: a slow or failing
/// one holds up nobody else.
/// </summary>
public sealed record Subscription(
    string Name,
    string MessageName,
    Type MessageType,
    Type HandlerType,
    Type ContextType,
    Func<object, object, CancellationToken, Task> Invoke)
{
    /// <summary>The inbox key (kept as the column name <c>handler</c>): the subscription's <see cref="Name"/>.</summary>
    public string HandlerName => Name;
}
