using System.Text;
using System.Text.Json;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>The bad values the fuzz sends, each with the name failures are grouped by. Fixed lists: runs are repeatable.</summary>
public static class FuzzValues
{
    private const string Guid = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    /// <summary>Raw path segments (already percent-encoded where the case is about encoding).</summary>
    public static readonly IReadOnlyList<(string Kind, string Raw)> PathSegments =
    [
        ("not a GUID", "not-a-guid"),
        ("empty GUID", "00000000-0000-0000-0000-000000000000"),
        ("unknown GUID", Guid),
        ("GUID in braces", $"%7B{Guid}%7D"),
        ("GUID upper-case", Guid.ToUpperInvariant()),
        ("GUID without dashes", Guid.Replace("-", string.Empty, StringComparison.Ordinal)),
        ("GUID with junk after it", Guid + "x"),
        ("GUID then %00", Guid + "%00"),
        ("zero", "0"),
        ("negative number", "-1"),
        ("huge number", "99999999999999999999"),
        ("1e400", "1e400"),
        ("null", "null"),
        ("empty (//)", string.Empty),
        ("space", "%20"),
        ("tab", "%09"),
        ("5000 chars", new string('a', 5000)),
        ("10000 chars (request line over 8 KB)", new string('a', 10_000)),
        ("unicode", Uri.EscapeDataString("Ünïcødé-😀-\u202Eevil")),
        ("invalid UTF-8 %C3%28", "%C3%28"),
        ("invalid UTF-8 %FF%FE", "%FF%FE"),
        ("UTF-8 surrogate %ED%A0%80", "%ED%A0%80"),
        ("%2F inside", "a%2Fb"),
        ("%2F alone", "%2F"),
        ("%25", "%25"),
        ("%00", "%00"),
        ("encoded dots %2e%2e", "%2e%2e"),
        ("path traversal", "..%2F..%2Fetc%2Fpasswd"),
        ("lone %", "%"),
        ("bad escape %zz", "%zz"),
        ("SQL", Uri.EscapeDataString("' OR '1'='1")),
        ("HTML", Uri.EscapeDataString("<script>alert(1)</script>")),
        ("matrix parameter ;a=b", "x;a=b"),
    ];

    /// <summary>Raw query values (percent-encoded where the case is about encoding).</summary>
    public static readonly IReadOnlyList<(string Kind, string Raw)> QueryValues =
    [
        ("empty", string.Empty),
        ("text", "abc"),
        ("zero", "0"),
        ("negative", "-1"),
        ("fraction", "1.5"),
        ("comma decimal", "1,5"),
        ("1e400", "1e400"),
        ("-1e400", "-1e400"),
        ("huge", "99999999999999999999"),
        ("huge negative", "-99999999999999999999"),
        ("int32 overflow", "2147483648"),
        ("NaN", "NaN"),
        ("Infinity", "Infinity"),
        ("hex", "0x10"),
        ("boolean", "true"),
        ("not a boolean", "maybe"),
        ("unknown enum value", "no_such_value"),
        ("5000 chars", new string('a', 5000)),
        ("unicode", Uri.EscapeDataString("Ünïcødé 😀 \u202Eevil")),
        ("invalid UTF-8 %FF%FE", "%FF%FE"),
        ("%00", "%00"),
        ("%2F..", "%2F%2E%2E"),
        ("%25", "%25"),
        ("lone %", "%"),
        ("quote", "'"),
        ("HTML", "%3Cx%3E"),
        ("LIKE wildcards", "%25_%5C"),
        ("plus", "+"),
    ];

    /// <summary>JSON fragments for one property, by the property's schema.</summary>
    public static IEnumerable<(string Kind, string Json)> PropertyValues(FuzzSchema schema, string? baselineItemJson)
    {
        yield return ("null", "null");
        if (schema.Kind != SchemaKind.String)
        {
            yield return ("wrong type: string", "\"fuzz\"");
        }

        if (schema.Kind is not (SchemaKind.Number or SchemaKind.Integer))
        {
            yield return ("wrong type: number", "1");
        }

        if (schema.Kind != SchemaKind.Boolean)
        {
            yield return ("wrong type: boolean", "true");
        }

        if (schema.Kind != SchemaKind.Object)
        {
            yield return ("wrong type: object", "{}");
        }

        if (schema.Kind != SchemaKind.Array)
        {
            yield return ("wrong type: array", "[]");
        }

        yield return ("deeply nested arrays (64)", new string('[', 64) + new string(']', 64));
        yield return ("deeply nested objects (64)", string.Concat(Enumerable.Repeat("{\"a\":", 64)) + "1" + new string('}', 64));

        var values = schema.Kind switch
        {
            SchemaKind.Integer => Integers,
            SchemaKind.Number => Numbers,
            SchemaKind.Boolean => [("string \"true\"", "\"true\""), ("number 1", "1")],
            SchemaKind.Array => Arrays(baselineItemJson),
            SchemaKind.Object => Objects(schema),
            _ => Strings(schema),
        };
        foreach (var value in values)
        {
            yield return value;
        }
    }

    private static readonly (string, string)[] Integers =
    [
        ("numeric string", "\"1\""),
        ("huge 99999999999999999999", "99999999999999999999"),
        ("huge 1e400", "1e400"),
        ("int32 overflow 2147483648", "2147483648"),
        ("int32 max", "2147483647"),
        ("negative -1", "-1"),
        ("huge negative", "-99999999999999999999"),
        ("zero", "0"),
        ("negative zero", "-0"),
        ("fraction 1.5", "1.5"),
        ("exponent 1e2", "1e2"),
        ("large 999999999", "999999999"),
    ];

    private static readonly (string, string)[] Numbers =
    [
        ("numeric string", "\"1\""),
        ("huge 1e400", "1e400"),
        ("huge negative -1e400", "-1e400"),
        ("huge 99999999999999999999", "99999999999999999999"),
        ("beyond decimal 79228162514264337593543950336", "79228162514264337593543950336"),
        ("tiny 1e-400", "1e-400"),
        ("three decimals 0.001", "0.001"),
        ("many decimals", "1.00000000000000000000000000001"),
        ("negative -1", "-1"),
        ("zero", "0"),
        ("11 integer digits 10000000000", "10000000000"),
        ("numeric(12,2) max 9999999999.99", "9999999999.99"),
    ];

    private static IEnumerable<(string, string)> Strings(FuzzSchema schema)
    {
        yield return ("empty string", "\"\"");
        yield return ("whitespace", "\"   \"");
        yield return ("over-long 300 chars", Json(new string('x', 300)));
        yield return ("over-long 100k chars", Json(new string('x', 100_000)));
        yield return ("NUL character", "\"\\u0000\"");
        yield return ("embedded NUL", "\"a\\u0000b\"");
        yield return ("lone surrogate", "\"a\\ud800b\"");
        yield return ("reversed surrogates", "\"\\udc00\\ud800\"");
        yield return ("control characters", "\"\\u0001\\u001f\\u007f\\u0085\"");
        yield return ("unicode mix", Json("Ünïcødé 😀 \u202Eevil\u200B 𝕏 ﷽"));
        yield return ("HTML", Json("<script>alert(1)</script>"));
        yield return ("unknown enum value", "\"NOT_A_VALUE\"");
        switch (schema.Format)
        {
            case "uuid":
                yield return ("not a GUID", "\"not-a-guid\"");
                yield return ("empty GUID", "\"00000000-0000-0000-0000-000000000000\"");
                yield return ("unknown GUID", $"\"{Guid}\"");
                break;
            case "date-time":
                yield return ("not a date", "\"not-a-date\"");
                yield return ("year 0", "\"0000-01-01T00:00:00Z\"");
                break;
        }
    }

    private static IEnumerable<(string, string)> Arrays(string? item)
    {
        yield return ("empty array", "[]");
        yield return ("array of null", "[null]");
        yield return ("array of wrong items", "[{}, 1, \"x\", true]");
        if (item is not null)
        {
            yield return ("1000 items", "[" + string.Join(',', Enumerable.Repeat(item, 1000)) + "]");
        }
    }

    private static IEnumerable<(string, string)> Objects(FuzzSchema schema)
    {
        yield return ("empty object", "{}");
        if (schema.AdditionalProperties is not null)
        {
            yield return ("1000 keys", "{" + string.Join(',', Enumerable.Range(0, 1000).Select(i => $"\"k{i}\":\"v\"")) + "}");
            yield return ("empty key", "{\"\":\"v\"}");
            yield return ("5000-char key", $"{{\"{new string('k', 5000)}\":\"v\"}}");
            yield return ("null value", "{\"k\":null}");
        }
    }

    /// <summary>A JSON string literal (non-ASCII kept as is, not \u-escaped).</summary>
    public static string Json(string value) => JsonSerializer.Serialize(value, Relaxed);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
