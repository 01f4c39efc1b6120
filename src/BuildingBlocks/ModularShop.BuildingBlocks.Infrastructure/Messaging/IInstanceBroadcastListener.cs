namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Hears <see cref="InstanceBroadcast"/>s of its <see cref="Topic"/> on every host instance — for state each instance
/// keeps for itself (an output cache) that a change seen by one instance must reach on all. Called on the messaging
/// LISTEN connection's thread: return quickly, never throw. A broadcast sent while an instance's LISTEN connection is
/// down is lost for that instance; keep such state short-lived as well.
/// </summary>
public interface IInstanceBroadcastListener
{
    /// <summary>The topic listened to (letters, digits, <c>-</c> and <c>.</c>).</summary>
    string Topic { get; }

    /// <param name="detail">What the sender added after the topic (<c>broadcast:topic:detail</c>), or <c>null</c>.</param>
    void OnBroadcast(string? detail);
}
