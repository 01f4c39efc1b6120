namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>The rules of one validated type, by CLR member name (<c>Name</c>, not the JSON <c>name</c>).</summary>
internal sealed class TypeRules(Type type)
{
    public Type Type { get; } = type;

    public Dictionary<string, PropertyRules> Properties { get; } = new(StringComparer.Ordinal);

    public PropertyRules For(string member)
    {
        if (!Properties.TryGetValue(member, out var rules))
        {
            Properties[member] = rules = new PropertyRules();
        }

        return rules;
    }

    /// <summary>Both validators run (two validators of one request type): every rule of either holds.</summary>
    public void Tighten(TypeRules other)
    {
        foreach (var (member, rules) in other.Properties)
        {
            For(member).Tighten(rules);
        }
    }

    public TypeRules Copy()
    {
        var copy = new TypeRules(Type);
        copy.Tighten(this);
        return copy;
    }

    /// <summary>One of them applies (a child type shared by several requests): only what both say.</summary>
    public static TypeRules Loosened(TypeRules a, TypeRules b)
    {
        var result = new TypeRules(a.Type);
        foreach (var (member, rules) in a.Properties)
        {
            if (b.Properties.TryGetValue(member, out var theirs))
            {
                var copy = rules.Copy();
                copy.Loosen(theirs);
                result.Properties[member] = copy;
            }
        }

        return result;
    }
}
