namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// One subscription: a handler, in one module's DbContext, for one message name. <see cref="Name"/> is its stable
/// identity — the key of its queue in the module's inbox — chosen at registration like an event name, so renaming or
/// moving the handler class never redelivers old messages. Each subscription is delivered on its own: a slow or failing
/// one holds up nobody else. <see cref="BatchSize"/>: how many messages one handler transaction may apply (null: the
/// host's <c>Messaging:BatchSize</c>); 1 for handlers that take row or advisory locks, so that no transaction holds the
/// locks of several messages in an order of arrival that another transaction could cross.
/// </summary>
public sealed record Subscription(
    string Name,
    string MessageName,
    Type MessageType,
    Type HandlerType,
    Type ContextType,
    Func<object, object, CancellationToken, Task> Invoke,
    int? BatchSize = null);
