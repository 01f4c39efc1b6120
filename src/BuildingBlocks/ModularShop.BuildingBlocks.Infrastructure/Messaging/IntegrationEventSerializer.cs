using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>Integration events on the wire: JSON (web defaults) under their stable <c>[IntegrationEventName]</c>.</summary>
public static class IntegrationEventSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    /// <summary>The event type's wire name; a type without <see cref="IntegrationEventNameAttribute"/> is a programming error.</summary>
    public static string NameOf(Type eventType) => Names.GetOrAdd(eventType, static t =>
        t.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{t.FullName} has no [IntegrationEventName]; integration events are published by name."));

    public static string Serialize(IntegrationEvent integrationEvent) =>
        JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Options);

    public static IntegrationEvent Deserialize(string payload, Type eventType) =>
        (IntegrationEvent)(JsonSerializer.Deserialize(payload, eventType, Options)
            ?? throw new JsonException($"The payload of a {eventType.Name} is null."));
}
