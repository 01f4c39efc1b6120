using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using MediatR;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>
/// Request body schemas say what the validators say (decision 0008): exactly the members with an unconditional
/// <c>NotNull</c>/<c>NotEmpty</c> are <c>required</c> — a request type without such a rule requires nothing, however
/// its constructor looks — and the limits go onto the properties.
/// </summary>
internal sealed class ValidationSchemaTransformer(ValidationRuleIndex index) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        // An object type is also transformed where it is the schema of a property (a nested body such as an address):
        // its schema becomes the shared component, so it must carry the type's own rules there too.
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return Task.CompletedTask;
        }

        var rules = index.For(info.Type);
        if (rules is null && !typeof(IBaseRequest).IsAssignableFrom(info.Type))
        {
            return Task.CompletedTask;
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || rules?.Properties.GetValueOrDefault(member.Name) is not { } propertyRules)
            {
                continue;
            }

            if (propertyRules.Required)
            {
                required.Add(property.Name);
            }

            if (schema.Properties is { } properties && properties.TryGetValue(property.Name, out var propertySchema))
            {
                SchemaRules.Apply(propertySchema, propertyRules);
            }
        }

        schema.Required = required.Count > 0 ? required : null;
        return Task.CompletedTask;
    }
}
