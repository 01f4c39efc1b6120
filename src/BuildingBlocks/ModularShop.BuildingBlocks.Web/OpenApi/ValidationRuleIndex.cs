using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Web.Modules;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>
/// The rules of every type the modules validate, read once from the registered validators: request types from
/// their own validators (all of them together), child types (<c>VariantInput</c>) from the child rules of every
/// validator that uses them (only what all agree on, as they share one schema).
/// </summary>
internal sealed class ValidationRuleIndex(IServiceProvider services)
{
    private readonly Lazy<IReadOnlyDictionary<Type, TypeRules>> _rules = new(() => Build(services));

    public IReadOnlyDictionary<Type, TypeRules> All => _rules.Value;

    public TypeRules? For(Type type) => _rules.Value.GetValueOrDefault(type);

    private static Dictionary<Type, TypeRules> Build(IServiceProvider services)
    {
        var assemblies = services.GetService<ModuleCatalog>()?.Assemblies ?? [];
        var validatedTypes = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct();

        var rules = new Dictionary<Type, TypeRules>();
        foreach (var type in validatedTypes)
        {
            var read = services.GetServices(typeof(IValidator<>).MakeGenericType(type)).OfType<IValidator>()
                .Select(v => ValidatorRuleReader.Read(v, type))
                .ToList();
            if (read.Count > 0)
            {
                rules[type] = read.Skip(1).Aggregate(read[0], (all, next) => { all.Tighten(next); return all; });
            }
        }

        var children = new Dictionary<Type, TypeRules>();
        foreach (var typeRules in rules.Values)
        {
            CollectChildren(typeRules, children);
        }

        foreach (var (type, childRules) in children)
        {
            rules.TryAdd(type, childRules);
        }

        return rules;
    }

    private static void CollectChildren(TypeRules rules, Dictionary<Type, TypeRules> children)
    {
        foreach (var property in rules.Properties.Values)
        {
            foreach (var child in new[] { property.Object, property.Items?.Object }.OfType<TypeRules>())
            {
                children[child.Type] = children.TryGetValue(child.Type, out var seen) ? TypeRules.Loosened(seen, child) : child.Copy();
                CollectChildren(child, children);
            }
        }
    }
}
