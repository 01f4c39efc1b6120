namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>The JSON type a <see cref="FuzzSchema"/> describes.</summary>
#pragma warning disable CA1720 // the names are JSON Schema's type names
public enum SchemaKind
{
    /// <summary>No type the fuzz understands (no <c>type</c>, or a composition it does not unwrap).</summary>
    Any,
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}
#pragma warning restore CA1720
