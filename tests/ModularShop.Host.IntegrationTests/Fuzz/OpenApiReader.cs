using System.Text.Json;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// Reads the host's OpenAPI 3.x document into <see cref="ApiOperation"/>s. It knows only the parts of the format
/// the fuzz needs and follows <c>$ref</c>s into <c>components/schemas</c>, so it keeps working when schema ids,
/// nullability or inline/referenced layout change.
/// </summary>
public static class OpenApiReader
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static IReadOnlyList<ApiOperation> Read(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? ReadParameters(document, p) : [];
            foreach (var entry in path.Value.EnumerateObject().Where(e => Methods.Contains(e.Name)))
            {
                var op = entry.Value;
                var parameters = shared.Concat(op.TryGetProperty("parameters", out var own) ? ReadParameters(document, own) : []).ToList();
                FuzzSchema? body = null;
                if (op.TryGetProperty("requestBody", out var requestBody))
                {
                    requestBody = Resolve(document, requestBody);
                    if (requestBody.TryGetProperty("content", out var content))
                    {
                        var json = content.EnumerateObject().FirstOrDefault(c => c.Name.Contains("json", StringComparison.OrdinalIgnoreCase));
                        body = json.Value.ValueKind == JsonValueKind.Object && json.Value.TryGetProperty("schema", out var schema)
                            ? ReadSchema(document, schema, depth: 0)
                            : new FuzzSchema(SchemaKind.Any, null, Nullable: false);
                    }
                }

                var responses = op.TryGetProperty("responses", out var r)
                    ? r.EnumerateObject().Select(x => string.Equals(x.Name, "default", StringComparison.OrdinalIgnoreCase) ? "default" : x.Name.ToUpperInvariant()).ToHashSet()
                    : [];
                var method = entry.Name.ToUpperInvariant();
                var id = op.TryGetProperty("operationId", out var operationId) ? operationId.GetString()! : $"{method} {path.Name}";
                operations.Add(new ApiOperation(method, path.Name, id, parameters, body, responses));
            }
        }

        return operations;
    }

    private static List<ApiParameter> ReadParameters(JsonElement document, JsonElement parameters) =>
    [
        .. parameters.EnumerateArray().Select(x => Resolve(document, x)).Select(x => new ApiParameter(
            x.GetProperty("name").GetString()!,
            x.GetProperty("in").GetString()!,
            x.TryGetProperty("schema", out var schema) ? ReadSchema(document, schema, 0) : new FuzzSchema(SchemaKind.String, null, false),
            x.TryGetProperty("required", out var required) && required.GetBoolean())),
    ];

    private static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        for (var hops = 0; hops < 16 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = document;
            foreach (var segment in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            element = target;
        }

        return element;
    }

    private static FuzzSchema ReadSchema(JsonElement document, JsonElement schema, int depth)
    {
        schema = Resolve(document, schema);
        if (depth > 8 || schema.ValueKind != JsonValueKind.Object)
        {
            return new FuzzSchema(SchemaKind.Any, null, Nullable: true);
        }

        // oneOf/anyOf [null, X] (how .NET documents a nullable reference) and single-entry allOf.
        foreach (var composition in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(composition, out var variants) && variants.ValueKind == JsonValueKind.Array)
            {
                var all = variants.EnumerateArray().Select(v => Resolve(document, v)).ToList();
                var nonNull = all.Where(v => !IsNullType(v)).ToList();
                if (nonNull.Count == 1)
                {
                    var inner = ReadSchema(document, nonNull[0], depth + 1);
                    return inner with { Nullable = inner.Nullable || nonNull.Count != all.Count };
                }
            }
        }

        var (kind, nullable) = ReadType(schema);
        string? format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (kind == SchemaKind.Any && schema.TryGetProperty("properties", out _))
        {
            kind = SchemaKind.Object;
        }

        var result = new FuzzSchema(kind, format, nullable)
        {
            MaxLength = schema.TryGetProperty("maxLength", out var max) && max.TryGetInt32(out var m) ? m : null,
            Enum = schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
                ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
                : [],
        };
        if (kind == SchemaKind.Array && schema.TryGetProperty("items", out var items))
        {
            result = result with { Items = ReadSchema(document, items, depth + 1) };
        }

        if (kind == SchemaKind.Object)
        {
            if (schema.TryGetProperty("properties", out var properties))
            {
                result = result with
                {
                    Properties = [.. properties.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ReadSchema(document, p.Value, depth + 1)))],
                };
            }

            if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
            {
                result = result with { AdditionalProperties = ReadSchema(document, additional, depth + 1) };
            }
        }

        return result;
    }

    private static bool IsNullType(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static (SchemaKind Kind, bool Nullable) ReadType(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return (SchemaKind.Any, schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True);
        }

        // OpenAPI 3.1 allows "type": ["string", "null"].
        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).ToList()
            : [type.GetString()];
        var nullable = names.Contains("null") || (schema.TryGetProperty("nullable", out var flag) && flag.ValueKind == JsonValueKind.True);
        var kind = names.FirstOrDefault(t => t != "null") switch
        {
            "string" => SchemaKind.String,
            "integer" => SchemaKind.Integer,
            "number" => SchemaKind.Number,
            "boolean" => SchemaKind.Boolean,
            "array" => SchemaKind.Array,
            "object" => SchemaKind.Object,
            _ => SchemaKind.Any,
        };
        return (kind, nullable);
    }
}
