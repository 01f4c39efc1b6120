using System.Collections.Concurrent;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Wake-ups of one host instance's messaging loops, as precise as the news: the relay learns <b>which</b> outboxes
/// received rows and relays only those (every outbox on its polling round), and only the subscription whose queue
/// received a message wakes. Other connections and instances signal through PostgreSQL <c>NOTIFY</c> on
/// <see cref="Channel"/>, delivered at commit, which the <see cref="MessagePump"/> turns into these signals. Payloads:
/// <list type="bullet">
/// <item><c>outbox:&lt;schema&gt;</c> — a commit published to that module's outbox;</item>
/// <item><c>inbox:&lt;schema&gt;/&lt;subscription&gt;[@&lt;instance&gt;]</c> — that subscription's queue received messages
/// (the relay's fan-out, or a scheduled message already due); an instance ignores its own (it woke the loop in-process);</item>
/// <item><c>inbox:&lt;schema&gt;</c> — every subscription of that schema (what older instances send);</item>
/// <item><c>broadcast:&lt;topic&gt;[:&lt;detail&gt;]</c> — news for every instance (e.g. evict a page cache), handed to the
/// <see cref="IInstanceBroadcastListener"/>s of that topic (<see cref="InstanceBroadcast"/> sends it).</item>
/// </list>
/// </summary>
public sealed class MessagingSignals
{
    public const string Channel = "modularshop_messaging";
    public const string OutboxPrefix = "outbox:";
    public const string InboxPrefix = "inbox:";
    public const string BroadcastPrefix = "broadcast:";

    private readonly Signal _relay = new();
    private readonly ConcurrentDictionary<string, byte> _outboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Signal> _subscriptions;
    private readonly ILookup<string, Signal> _bySchema;

    private readonly ILookup<string, IInstanceBroadcastListener> _listeners;

    public MessagingSignals(SubscriptionRegistry registry, IEnumerable<IInstanceBroadcastListener> listeners)
    {
        _listeners = listeners.ToLookup(l => l.Topic, StringComparer.Ordinal);
        _subscriptions = registry.All.ToDictionary(s => s.Name, _ => new Signal(), StringComparer.Ordinal);
        _bySchema = registry.All.ToLookup(registry.SchemaOf, s => _subscriptions[s.Name], StringComparer.Ordinal);
    }

    /// <summary>This instance's id in <c>inbox:</c> payloads, so that it can skip the NOTIFYs of its own relay.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The payload that wakes <paramref name="subscription"/> (in <paramref name="schema"/>) on every instance but this one.</summary>
    public string InboxPayload(string schema, string subscription) => $"{InboxPrefix}{schema}/{subscription}@{Instance}";

    /// <summary>Payload waking <paramref name="subscription"/> on every instance (a scheduled message's commit: no instance woke it yet).</summary>
    public static string InboxPayloadForAll(string schema, string subscription) => $"{InboxPrefix}{schema}/{subscription}";

    /// <summary>The relay's next round should look at <paramref name="schema"/>'s outbox.</summary>
    public void WakeRelay(string schema)
    {
        _outboxes.TryAdd(schema, 0);
        _relay.Set();
    }

    /// <summary>The outboxes woken since the last call (and forgets them).</summary>
    public IReadOnlyList<string> TakeWokenOutboxes()
    {
        var woken = new List<string>();
        foreach (var schema in _outboxes.Keys)
        {
            if (_outboxes.TryRemove(schema, out _))
            {
                woken.Add(schema);
            }
        }

        return woken;
    }

    public void WakeSubscription(string name)
    {
        if (_subscriptions.TryGetValue(name, out var signal))
        {
            signal.Set();
        }
    }

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
            WakeRelay(payload[OutboxPrefix.Length..]);
            return;
        }

        if (payload.StartsWith(BroadcastPrefix, StringComparison.Ordinal))
        {
            var message = payload[BroadcastPrefix.Length..];
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            var topic = colon < 0 ? message : message[..colon];
            var detail = colon < 0 ? null : message[(colon + 1)..];
            foreach (var listener in _listeners[topic])
            {
                try
                {
                    listener.OnBroadcast(detail);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A listener must not throw (its contract); if one does, it must not take the LISTEN connection
                    // (and with it every wake-up of this instance) down.
                    System.Diagnostics.Trace.TraceWarning($"Broadcast listener {listener.GetType().Name} failed: {e.Message}");
                }
            }

            return;
        }

        if (!payload.StartsWith(InboxPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var target = payload.AsSpan(InboxPrefix.Length);
        var at = target.IndexOf('@');
        if (at >= 0)
        {
            if (target[(at + 1)..].SequenceEqual(Instance))
            {
                return; // this instance's relay woke the loop already
            }

            target = target[..at];
        }

        var slash = target.IndexOf('/');
        if (slash >= 0)
        {
            WakeSubscription(target[(slash + 1)..].ToString());
        }
        else
        {
            WakeInbox(target.ToString());
        }
    }

    /// <summary>Waits for the relay's next wake-up; false when the wait ended by the timeout (a polling round).</summary>
    public Task<bool> WaitForRelayAsync(TimeSpan timeout, CancellationToken cancellationToken) => _relay.WaitAsync(timeout, cancellationToken);

    public Task<bool> WaitForInboxAsync(Subscription subscription, TimeSpan timeout, CancellationToken cancellationToken) =>
        _subscriptions[subscription.Name].WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// An auto-reset event with one waiter (one loop): a <see cref="Set"/> while nobody waits is kept for the next wait,
    /// which then returns at once. A wait ends at the set (true), at the timeout (false: the polling fallback) or at
    /// cancellation.
    /// </summary>
    private sealed class Signal
    {
        private TaskCompletionSource _current = New();

        public void Set() => Volatile.Read(ref _current).TrySetResult();

        public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var current = Volatile.Read(ref _current);
            try
            {
                if (!current.Task.IsCompleted)
                {
                    await current.Task.WaitAsync(timeout, cancellationToken);
                }

                return true;
            }
            catch (TimeoutException)
            {
                return false; // look for work anyway
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
