using System.Globalization;
using Microsoft.OpenApi;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>Writes <see cref="PropertyRules"/> onto a property's or parameter's schema.</summary>
internal static class SchemaRules
{
    /// <param name="schema">The property's or parameter's schema.</param>
    /// <param name="rules">What the validators say about it.</param>
    /// <param name="describe">Add the notes to the schema's description (a parameter has a description of its own).</param>
    public static void Apply(IOpenApiSchema schema, PropertyRules rules, bool describe = true)
    {
        if (Concrete(schema) is { } target)
        {
            if (rules.Required && target.Type is { } nullable && nullable.HasFlag(JsonSchemaType.Null))
            {
                // Required means a value: null is refused as well (NotNull/NotEmpty).
                target.Type = nullable & ~JsonSchemaType.Null;
            }

            target.MinLength = rules.MinLength ?? target.MinLength;
            target.MaxLength = rules.MaxLength ?? target.MaxLength;
            if (rules.Minimum is { } minimum)
            {
                if (rules.ExclusiveMinimum)
                {
                    target.ExclusiveMinimum = Number(minimum);
                }
                else
                {
                    target.Minimum = Number(minimum);
                }
            }

            if (rules.Maximum is { } maximum)
            {
                if (rules.ExclusiveMaximum)
                {
                    target.ExclusiveMaximum = Number(maximum);
                }
                else
                {
                    target.Maximum = Number(maximum);
                }
            }

            target.Pattern = rules.Pattern ?? target.Pattern;
            if (target.Type is { } type && type.HasFlag(JsonSchemaType.Object) && target.AdditionalProperties is not null)
            {
                target.MinProperties = rules.MinItems ?? target.MinProperties;
                target.MaxProperties = rules.MaxItems ?? target.MaxProperties;
            }
            else
            {
                target.MinItems = rules.MinItems ?? target.MinItems;
                target.MaxItems = rules.MaxItems ?? target.MaxItems;
            }

            if (rules.Items is not null && target.Items is not null)
            {
                Apply(target.Items, rules.Items);
            }
        }

        if (describe && rules.Notes.Count > 0 && schema is OpenApiSchema described)
        {
            described.Description = Describe(described.Description, rules.Notes);
        }
    }

    /// <summary>Adds the notes (messages of rules JSON Schema cannot express) to a description.</summary>
    public static string Describe(string? description, IEnumerable<string> notes)
    {
        var missing = notes.Where(n => description?.Contains(n, StringComparison.Ordinal) != true).ToList();
        return missing.Count == 0
            ? description ?? string.Empty
            : string.Join(" ", new[] { description }.Concat(missing).Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    /// <summary>The schema to put limits on: itself, or the one non-null choice of a nullable <c>oneOf</c>; not a reference.</summary>
    private static OpenApiSchema? Concrete(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return null;
        }

        var choices = (concrete.OneOf ?? concrete.AnyOf)?.Where(s => s.Type != JsonSchemaType.Null).ToList();
        return choices switch
        {
            null or { Count: 0 } => concrete,
            [var only] => only as OpenApiSchema,
            _ => null,
        };
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
