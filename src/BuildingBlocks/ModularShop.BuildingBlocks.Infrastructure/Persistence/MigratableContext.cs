namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// A DbContext the start-up migrator and the readiness check know about. <paramref name="HasMessaging"/>: its
/// schema has an outbox and an inbox (every <see cref="ModuleDbContext"/>), so the relay serves it.
/// </summary>
public sealed record MigratableContext(Type ContextType, string Schema, bool HasMessaging = true);
