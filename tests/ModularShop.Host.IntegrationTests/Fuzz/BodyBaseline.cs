using System.Text.Json.Nodes;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// A valid-looking JSON body for a request schema: what a correct client would send, so that each mutation changes one
/// thing and the request gets as far into the host as that one change allows. The document does not say what makes a
/// value valid (an existing category, a country code), so well-known property names get values that work with the
/// <see cref="FuzzWorld"/>'s data; everything else gets a plain value of its schema's type.
/// </summary>
public static class BodyBaseline
{
    public static JsonNode? Build(FuzzSchema schema, ApiOperation operation, FuzzWorld world) =>
        Value(schema, name: null, operation, world, depth: 0);

    private static JsonNode? Value(FuzzSchema schema, string? name, ApiOperation operation, FuzzWorld world, int depth)
    {
        if (name is not null && Hint(name, operation, world) is { } hint)
        {
            return hint.Value;
        }

        if (depth > 6)
        {
            return null;
        }

        return schema.Kind switch
        {
            SchemaKind.Object when schema.Properties.Count > 0 => Object(schema, operation, world, depth),
            SchemaKind.Object when schema.AdditionalProperties is { } values => new JsonObject { ["key"] = Value(values, null, operation, world, depth + 1) },
            SchemaKind.Object => new JsonObject(),
            SchemaKind.Array => schema.Items is { } items ? new JsonArray(Value(items, null, operation, world, depth + 1)) : [],
            SchemaKind.Integer => 1,
            SchemaKind.Number => 1.5m,
            SchemaKind.Boolean => false,
            _ when schema.Enum.Count > 0 => schema.Enum[0],
            _ => schema.Format switch
            {
                "uuid" => new Guid("f0220000-0000-4000-8000-000000000002"),
                "date-time" => "2026-01-01T00:00:00Z",
                "uri" => "https://example.com/fuzz",
                "email" => $"fuzz-{world.NextSerial()}@example.com",
                _ => "fuzz",
            },
        };
    }

    private static JsonObject Object(FuzzSchema schema, ApiOperation operation, FuzzWorld world, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in schema.Properties)
        {
            result[name] = Value(property, name, operation, world, depth + 1);
        }

        // A product with variants has no stock of its own (its stock is the sum of its variants').
        if (result["variants"] is JsonArray { Count: > 0 } && result.ContainsKey("stock"))
        {
            result["stock"] = null;
        }

        return result;
    }

    /// <summary>A value known to be valid for a property of this name, or null to derive one from the schema.</summary>
    private static Box? Hint(string name, ApiOperation operation, FuzzWorld world)
    {
        var login = operation.PathTemplate.EndsWith("/login", StringComparison.Ordinal);
        return name.ToLowerInvariant() switch
        {
            "email" => new(login ? world.CustomerEmail : $"fuzz-{world.NextSerial()}@example.com"),
            "password" => new(FuzzWorld.CustomerPassword),
            "name" => new($"Fuzz {world.NextSerial()}"),
            "slug" or "compareprice" or "expectedstock" or "parentid" or "line2" or "region" or "phone" or "id" => new(null),
            "sku" => new($"FUZZ-{world.NextSerial()}"),
            "description" => new("A fuzzed product."),
            "price" => new(10m),
            "stock" => new(5),
            "quantity" => new(1),
            "outcome" => new("approve"), // the simulated bank page's answer
            "shippingmethod" => new("standard"),
            "provider" => new("test-card"),
            "details" => new(new JsonObject { ["cardNumber"] = "4242424242424242", ["expiry"] = "12/30", ["cvc"] = "123" }),
            "amount" => new(1m), // a partial refund of a fuzz order (10.00)
            "reason" => new("Fuzz refund"),
            "featured" => new(false),
            "images" => new(new JsonArray("https://images.example.com/fuzz.jpg")),
            "categoryid" => new(world.CategoryId),
            "productid" => new(world.ShelfProductId),
            "variantid" => new(world.ShelfVariantId),
            "options" => new(new JsonObject { ["Size"] = "M" }),
            "roles" => new(new JsonArray("customer")),
            "refreshtoken" => new(world.RefreshToken),
            "fullname" => new("Ada Lovelace"),
            "line1" => new("1 Main Street"),
            "city" => new("London"),
            "postalcode" => new("N1 1AA"),
            "country" => new("GB"),
            _ => null,
        };
    }

    /// <summary>A hint's value (which may be JSON null).</summary>
    private sealed record Box(JsonNode? Value);
}
