namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// A JSON schema of the document with every <c>$ref</c> resolved and <c>oneOf: [null, X]</c> unwrapped into
/// <see cref="Nullable"/>: the shape the fuzz derives baselines and mutations from.
/// </summary>
public sealed record FuzzSchema(SchemaKind Kind, string? Format, bool Nullable)
{
    /// <summary>An object's named properties, in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, FuzzSchema>> Properties { get; init; } = [];

    /// <summary>An array's item schema.</summary>
    public FuzzSchema? Items { get; init; }

    /// <summary>A map's value schema (<c>additionalProperties</c>).</summary>
    public FuzzSchema? AdditionalProperties { get; init; }

    /// <summary>Allowed values, when the schema is an enumeration.</summary>
    public IReadOnlyList<string> Enum { get; init; } = [];

    public int? MaxLength { get; init; }

    public override string ToString() => Format is null ? Kind.ToString() : $"{Kind}({Format})";
}
