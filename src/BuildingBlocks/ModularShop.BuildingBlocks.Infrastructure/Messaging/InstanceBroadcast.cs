using Microsoft.EntityFrameworkCore;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Sends a broadcast to every host instance's <see cref="IInstanceBroadcastListener"/>s of a topic, through PostgreSQL
/// <c>NOTIFY</c> on the messaging channel: sent inside a transaction, it is delivered at commit (and not at all on a
/// rollback), so an event handler's broadcast happens exactly when its inbox record does.
/// </summary>
public static class InstanceBroadcast
{
    public static async Task SendAsync(DbContext db, string topic, string? detail, CancellationToken cancellationToken)
    {
        if (topic.Length == 0 || topic.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            throw new ArgumentException("A topic is letters, digits, '-' and '.'.", nameof(topic));
        }

        var payload = MessagingSignals.BroadcastPrefix + topic + (detail is null ? "" : ":" + detail);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({MessagingSignals.Channel}, {payload})", cancellationToken);
    }
}
