using ModularShop.BuildingBlocks.Infrastructure.Messaging;

namespace ModularShop.BuildingBlocks.Tests.TestModule;

/// <summary>The test module's own timer: when due, its handler increments the counter of <see cref="ThingId"/>.</summary>
[ScheduledMessageName("test.thing-due")]
public sealed record ThingDue(Guid ThingId) : ScheduledMessage;
