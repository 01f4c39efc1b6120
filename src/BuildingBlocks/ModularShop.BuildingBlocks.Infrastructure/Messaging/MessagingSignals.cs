namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Wake-ups inside one host instance: the relay when an outbox has new rows, the loops of a schema's subscriptions when
/// their inbox has. Other instances are woken by PostgreSQL <c>NOTIFY</c> on <see cref="Channel"/> (payload
/// <c>outbox:&lt;schema&gt;</c> or <c>inbox:&lt;schema&gt;</c>), which the <see cref="MessagePump"/> turns into these signals.
/// </summary>
internal sealed class MessagingSignals
{
    public const string Channel = "modularshop_messaging";
    public const string OutboxPrefix = "outbox:";
    public const string InboxPrefix = "inbox:";

    private readonly Signal _relay = new();
    private readonly Dictionary<string, Signal> _subscriptions;
    private readonly ILookup<string, Signal> _bySchema;

    public MessagingSignals(SubscriptionRegistry registry)
    {
        _subscriptions = registry.All.ToDictionary(s => s.Name, _ => new Signal(), StringComparer.Ordinal);
        _bySchema = registry.All.ToLookup(registry.SchemaOf, s => _subscriptions[s.Name], StringComparer.Ordinal);
    }

    public void WakeRelay() => _relay.Set();

    public void WakeInbox(string schema)
    {
        foreach (var signal in _bySchema[schema])
        {
            signal.Set();
        }
    }

    /// <summary>Applies a <c>NOTIFY</c> payload.</summary>
    public void Wake(string payload)
    {
        if (payload.StartsWith(OutboxPrefix, StringComparison.Ordinal))
        {
            WakeRelay();
        }
        else if (payload.StartsWith(InboxPrefix, StringComparison.Ordinal))
        {
            WakeInbox(payload[InboxPrefix.Length..]);
        }
    }

    public Task WaitForRelayAsync(TimeSpan timeout, CancellationToken cancellationToken) => _relay.WaitAsync(timeout, cancellationToken);

    public Task WaitForInboxAsync(Subscription subscription, TimeSpan timeout, CancellationToken cancellationToken) =>
        _subscriptions[subscription.Name].WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// An auto-reset event with one waiter (one loop): a <see cref="Set"/> while nobody waits is kept for the next wait,
    /// which then returns at once. A wait ends at the set, at the timeout (the polling fallback) or at cancellation.
    /// </summary>
    private sealed class Signal
    {
        private TaskCompletionSource _current = New();

        public void Set() => Volatile.Read(ref _current).TrySetResult();

        public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var current = Volatile.Read(ref _current);
            try
            {
                if (!current.Task.IsCompleted)
                {
                    await current.Task.WaitAsync(timeout, cancellationToken);
                }
            }
            catch (TimeoutException)
            {
                // Look for work anyway.
            }
            finally
            {
                // Reset for the next wait (only if it was set: a timeout keeps the same pending completion).
                if (current.Task.IsCompleted)
                {
                    Interlocked.CompareExchange(ref _current, New(), current);
                }
            }
        }

        private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
