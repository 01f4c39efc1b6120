using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.BuildingBlocks.Tests.TestModule;

/// <summary>Each delivery applied increments the counter of <see cref="ThingId"/>.</summary>
[IntegrationEventName("test.thing-counted.v1")]
public sealed record ThingCounted(Guid ThingId) : IntegrationEvent;

/// <summary>A versioned change: consumers keep the newest version.</summary>
[IntegrationEventName("test.thing-renamed.v1")]
public sealed record ThingRenamed(Guid ThingId, long Version, string Name) : IntegrationEvent;

/// <summary>Its handler always throws.</summary>
[IntegrationEventName("test.thing-broke.v1")]
public sealed record ThingBroke(Guid ThingId) : IntegrationEvent;

/// <summary>Not publishable: no <see cref="IntegrationEventNameAttribute"/>.</summary>
public sealed record UnnamedEvent : IntegrationEvent;

/// <summary>Has two subscribers in the isolation tests: one slow or failing, one counting.</summary>
[IntegrationEventName("test.thing-shared.v1")]
public sealed record ThingShared(Guid ThingId) : IntegrationEvent;

/// <summary>Refers to a thing that may not exist yet: its handler waits for it (not ready) and then counts it.</summary>
[IntegrationEventName("test.thing-early.v1")]
public sealed record ThingEarly(Guid ThingId) : IntegrationEvent;
