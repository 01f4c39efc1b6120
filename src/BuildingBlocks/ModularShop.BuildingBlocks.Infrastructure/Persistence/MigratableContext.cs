namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// A module DbContext the start-up migrator, the readiness check and the messaging pipeline know about: its schema
/// holds the module's tables, outbox, inbox queues and idempotency records.
/// </summary>
public sealed record MigratableContext(Type ContextType, string Schema);
