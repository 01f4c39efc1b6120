using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>
/// Query parameters get the limits of the request they are bound to (<c>?page=&amp;pageSize=</c> → the feature's
/// <c>Query</c>): the endpoint's handler is declared in the feature class (<c>ListProducts.Endpoint</c>), whose
/// nested <c>Query</c>/<c>Command</c> has the validator; parameters match its members by name.
/// </summary>
internal sealed class ValidationParameterTransformer(ValidationRuleIndex index) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Parameters is not { Count: > 0 } parameters || FeatureOf(context.Description.ActionDescriptor.EndpointMetadata) is not { } feature)
        {
            return Task.CompletedTask;
        }

        var requestRules = feature.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
            .Select(index.For)
            .OfType<TypeRules>()
            .ToList();
        foreach (var parameter in parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query && p.Name is not null))
        {
            var rules = requestRules
                .SelectMany(r => r.Properties)
                .FirstOrDefault(p => string.Equals(p.Key, parameter.Name, StringComparison.OrdinalIgnoreCase))
                .Value;
            if (rules is null)
            {
                continue;
            }

            parameter.Required |= rules.Required;
            if (parameter.Schema is not null)
            {
                SchemaRules.Apply(parameter.Schema, rules, describe: false);
            }

            if (rules.Notes.Count > 0)
            {
                parameter.Description = SchemaRules.Describe(parameter.Description, rules.Notes);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The outermost type declaring the endpoint's handler method (a lambda lives in a nested closure class).</summary>
    private static Type? FeatureOf(IEnumerable<object> metadata)
    {
        var type = metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType;
        while (type?.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
