using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Delivers one message to one subscription with exactly-once effect: in one transaction of the
/// subscriber's DbContext it claims <c>(message_id, handler)</c> in the subscriber's inbox, runs the
/// handler and saves. A message already in the inbox is skipped; a failing handler rolls everything back.
/// </summary>
public sealed class InboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <returns><c>true</c> when the handler ran, <c>false</c> when the inbox says it already had.</returns>
    public async Task<bool> DispatchAsync(Guid messageId, string payload, Subscription subscription, CancellationToken cancellationToken) =>
        await DispatchBatchAsync([(messageId, payload)], subscription, cancellationToken) == 1;

    /// <summary>
    /// Delivers several messages (in order) to one subscription in <b>one</b> transaction of the subscriber's
    /// DbContext: one inbox insert claims every <c>(message_id, handler)</c> not yet processed, the handler runs
    /// for those, one save and one commit. All or nothing: if anything throws, nothing is applied and the
    /// caller should deliver the messages one by one (<see cref="DispatchAsync"/>) to isolate the failure.
    /// </summary>
    /// <returns>How many messages the handler ran for (the others were already in the inbox).</returns>
    public async Task<int> DispatchBatchAsync(IReadOnlyList<(Guid Id, string Payload)> messages, Subscription subscription, CancellationToken cancellationToken)
    {
        var events = messages.Select(m => (m.Id, Event: IntegrationEventSerializer.Deserialize(m.Payload, subscription.EventType))).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(subscription.ContextType);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = (await db.Database
            .SqlQueryRaw<Guid>(InboxInsertMany(db.Schema), events.Select(e => e.Id).ToArray(), subscription.HandlerName, now)
            .ToListAsync(cancellationToken)).ToHashSet();
        if (claimed.Count == 0)
        {
            return 0;
        }

        var handler = scope.ServiceProvider.GetRequiredService(subscription.HandlerType);
        foreach (var (id, integrationEvent) in events)
        {
            if (claimed.Contains(id))
            {
                await subscription.Invoke(handler, integrationEvent, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    // The schema is the module's own constant, never input; values are parameters.
    private static string InboxInsertMany(string schema) =>
        "INSERT INTO \"" + schema + "\"." + MessagingModel.InboxTable +
        " (message_id, handler, processed_at) SELECT m, {1}, {2} FROM unnest({0}) AS m ON CONFLICT DO NOTHING RETURNING message_id AS \"Value\"";
}
