namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// The stable name of a scheduled message, e.g. <c>catalog.reservation-expiry</c>: its wire name and, since a
/// scheduled message has exactly one handler, the name of that handler's subscription (its inbox key). Never rename it
/// while messages may be waiting.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ScheduledMessageNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
