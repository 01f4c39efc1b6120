using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Messages on the wire: JSON (web defaults) under their stable name — <c>[IntegrationEventName]</c> for integration
/// events, <c>[ScheduledMessageName]</c> for scheduled messages — never a CLR type name.
/// </summary>
public static class MessageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    /// <summary>The message type's stable name; a type without one is a programming error.</summary>
    public static string NameOf(Type messageType) => Names.GetOrAdd(messageType, static t =>
        t.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name
        ?? t.GetCustomAttribute<ScheduledMessageNameAttribute>()?.Name
        ?? throw new InvalidOperationException(
            $"{t.FullName} has no [IntegrationEventName] or [ScheduledMessageName]; messages are published and scheduled by name."));

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    public static object Deserialize(string payload, Type messageType) =>
        JsonSerializer.Deserialize(payload, messageType, Options) ?? throw new JsonException($"The payload of a {messageType.Name} is null.");
}
