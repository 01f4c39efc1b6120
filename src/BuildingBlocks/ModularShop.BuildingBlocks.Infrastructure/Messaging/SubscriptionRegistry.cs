using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>Every subscription of the host, by message name, with the schema of the module that subscribes.</summary>
public sealed class SubscriptionRegistry
{
    private readonly ILookup<string, Subscription> _byMessage;
    private readonly Dictionary<Type, string> _schemas;

    public SubscriptionRegistry(IEnumerable<Subscription> subscriptions, IEnumerable<MigratableContext> contexts)
    {
        All = [.. subscriptions];
        var duplicate = All.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two subscriptions are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(s => s.HandlerType.FullName))}); a subscription name is an inbox key and must be unique.");
        }

        _byMessage = All.ToLookup(s => s.MessageName, StringComparer.Ordinal);
        _schemas = contexts.GroupBy(c => c.ContextType).ToDictionary(g => g.Key, g => g.First().Schema);
        var unknown = All.FirstOrDefault(s => !_schemas.ContainsKey(s.ContextType));
        if (unknown is not null)
        {
            throw new InvalidOperationException(
                $"Subscription '{unknown.Name}' runs in {unknown.ContextType.Name}, which is not registered with AddModuleDbContext.");
        }
    }

    public IReadOnlyList<Subscription> All { get; }

    /// <summary>The subscriptions of a message name (none when nobody listens).</summary>
    public IEnumerable<Subscription> For(string messageName) => _byMessage[messageName];

    /// <summary>The schema whose inbox holds <paramref name="subscription"/>'s queue.</summary>
    public string SchemaOf(Subscription subscription) => _schemas[subscription.ContextType];
}
