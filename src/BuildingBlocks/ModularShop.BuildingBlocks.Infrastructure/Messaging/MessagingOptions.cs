namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary><c>Messaging:*</c> settings of the outbox relay.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Run a relay in this host instance (any number of instances may).</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>Messages claimed per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How often the relay looks for work when no NOTIFY woke it (also the retry granularity).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delivery attempts before a message is parked as dead.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay before the first retry; doubles with each attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delivered outbox rows are deleted after this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Inbox rows are deleted after this long; must exceed how late a redelivery can come.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The exponential back-off before attempt <paramref name="attempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(delay, RetryMaxDelay.TotalMilliseconds));
    }
}
