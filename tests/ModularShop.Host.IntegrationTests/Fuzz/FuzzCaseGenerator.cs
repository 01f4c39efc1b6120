using System.Text;
using System.Text.Json.Nodes;
using ModularShop.Testing;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// Generates the <see cref="FuzzCase"/>s of one category for one operation: every case is the operation's valid-looking
/// request (<see cref="BodyBaseline"/>, seeded path values) with exactly one thing broken. Deterministic: the same
/// document and world give the same cases in the same order.
/// </summary>
public sealed class FuzzCaseGenerator(FuzzWorld world)
{
    private const string Placeholder = "__fuzz_placeholder_5e1f__";
    private const string Json = "application/json";

    private static readonly FuzzRole[] AllRoles = [FuzzRole.Anonymous, FuzzRole.Customer, FuzzRole.Admin];

    /// <summary>
    /// The roles that get past authorization: admin for an operation that documents 403, otherwise anonymous and
    /// customer (carts take both; a user-only operation answers anonymous a cheap 401).
    /// </summary>
    public static IReadOnlyList<FuzzRole> PrimaryRoles(ApiOperation operation) =>
        operation.Responses.Contains("403") ? [FuzzRole.Admin] : [FuzzRole.Anonymous, FuzzRole.Customer];

    /// <summary>
    /// The one role the many body and content-type cases are sent as: the most capable of <see cref="PrimaryRoles"/>
    /// (a customer gets past every non-admin operation's authorization; its body is read the same way as anonymous').
    /// </summary>
    public static FuzzRole FocusRole(ApiOperation operation) => PrimaryRoles(operation)[^1];

    public IEnumerable<FuzzCase> Generate(
        FuzzCategory category, ApiOperation operation, IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues) =>
        category switch
        {
            FuzzCategory.Baseline => AllRoles.Select(role => Baseline(FuzzCategory.Baseline, operation, role, pathValues, "none (the valid-looking request)", "-")),
            FuzzCategory.PathParameters => PathCases(operation, pathValues),
            FuzzCategory.QueryParameters => QueryCases(operation, pathValues),
            FuzzCategory.BodyProperties => BodyPropertyCases(operation, pathValues),
            FuzzCategory.WholeBodies => WholeBodyCases(operation, pathValues),
            FuzzCategory.ContentTypes => ContentTypeCases(operation, pathValues),
            FuzzCategory.Headers => HeaderCases(operation, pathValues),
            _ => throw new ArgumentOutOfRangeException(nameof(category)),
        };

    private IEnumerable<FuzzCase> PathCases(ApiOperation operation, IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues)
    {
        foreach (var parameter in operation.PathParameters)
        {
            foreach (var (kind, raw) in FuzzValues.PathSegments)
            {
                foreach (var role in AllRoles)
                {
                    yield return Baseline(FuzzCategory.PathParameters, operation, role, pathValues, kind, parameter.Name) with
                    {
                        PathAndQuery = Path(operation, pathValues[role], new Dictionary<string, string> { [parameter.Name] = raw }),
                    };
                }
            }
        }
    }

    private IEnumerable<FuzzCase> QueryCases(ApiOperation operation, IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues)
    {
        foreach (var parameter in operation.QueryParameters)
        {
            var name = Uri.EscapeDataString(parameter.Name);
            var queries = FuzzValues.QueryValues.Select(v => (v.Kind, Query: $"{name}={v.Raw}"))
                .Append(("repeated", $"{name}=1&{name}=2"))
                .Append(("repeated, conflicting", $"{name}=1&{name}=abc"))
                .Append(("name without value", name))
                .Append(("name in upper case", $"{name.ToUpperInvariant()}=abc"));
            foreach (var (kind, query) in queries)
            {
                foreach (var role in AllRoles)
                {
                    var baseline = Baseline(FuzzCategory.QueryParameters, operation, role, pathValues, kind, parameter.Name);
                    yield return baseline with { PathAndQuery = $"{baseline.PathAndQuery}?{query}" };
                }
            }
        }

        // Every operation: a query string it does not declare.
        foreach (var role in AllRoles)
        {
            var baseline = Baseline(FuzzCategory.QueryParameters, operation, role, pathValues, "undeclared parameters", "query");
            yield return baseline with { PathAndQuery = $"{baseline.PathAndQuery}?fuzz=%00&page[]=1&{new string('q', 3000)}=1" };
        }
    }

    private IEnumerable<FuzzCase> BodyPropertyCases(ApiOperation operation, IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues)
    {
        if (operation.Body is not { } schema)
        {
            yield break;
        }

        var role = FocusRole(operation);
        foreach (var (target, targetSchema, itemJson) in Targets(schema, BodyBaseline.Build(schema, operation, world)))
        {
            foreach (var (kind, fragment) in FuzzValues.PropertyValues(targetSchema, itemJson))
            {
                var body = BodyBaseline.Build(schema, operation, world);
                Set(body, target, Placeholder);
                var text = body!.ToJsonString().Replace($"\"{Placeholder}\"", fragment, StringComparison.Ordinal);
                yield return Baseline(FuzzCategory.BodyProperties, operation, role, pathValues, kind, Describe(target)) with
                {
                    Body = FuzzValues.Utf8(text),
                };
            }
        }

        if (BodyBaseline.Build(schema, operation, world) is JsonObject root)
        {
            foreach (var (kind, text) in RootObjectMutations(root))
            {
                yield return Baseline(FuzzCategory.BodyProperties, operation, role, pathValues, kind, "(root)") with { Body = FuzzValues.Utf8(text) };
            }
        }
    }

    private static IEnumerable<(string Kind, string Json)> RootObjectMutations(JsonObject root)
    {
        var baseline = root.ToJsonString();
        var inner = baseline[..^1];
        var separator = root.Count == 0 ? string.Empty : ",";
        yield return ("extra property", $"{inner}{separator}\"unexpectedProperty\":\"x\"}}");
        yield return ("extra property, huge", $"{inner}{separator}\"unexpectedProperty\":{{\"a\":[{new string('1', 10000)}]}}}}");
        if (root.Count > 0)
        {
            yield return ("duplicate property", $"{inner},\"{root.First().Key}\":\"dup\"}}");
        }

        yield return ("property names in PascalCase", PascalCase(baseline));
        var nulls = new JsonObject();
        foreach (var (name, _) in root)
        {
            nulls[name] = null;
        }

        yield return ("every property null", nulls.ToJsonString());
    }

    private static string PascalCase(string json)
    {
        var builder = new StringBuilder(json);
        for (var i = 0; i < json.Length - 1; i++)
        {
            if ((json[i] == '{' || json[i] == ',') && json[i + 1] == '"' && i + 2 < json.Length)
            {
                builder[i + 2] = char.ToUpperInvariant(json[i + 2]);
            }
        }

        return builder.ToString();
    }

    private IEnumerable<FuzzCase> WholeBodyCases(ApiOperation operation, IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues)
    {
        foreach (var role in PrimaryRoles(operation))
        {
            if (operation.Body is not { } schema)
            {
                // No documented body: one sent anyway must not break the operation either.
                foreach (var (kind, body, type) in new (string, string, string)[]
                         {
                             ("unexpected JSON body", "{\"a\":1}", Json),
                             ("unexpected malformed JSON body", "{", Json),
                             ("unexpected text body", "hello", "text/plain"),
                         })
                {
                    yield return Baseline(FuzzCategory.WholeBodies, operation, role, pathValues, kind, "body") with
                    {
                        Body = FuzzValues.Utf8(body),
                        ContentType = type,
                    };
                }

                continue;
            }

            var baseline = BodyBaseline.Build(schema, operation, world)?.ToJsonString() ?? "null";
            foreach (var (kind, bytes) in WholeBodies(baseline))
            {
                yield return Baseline(FuzzCategory.WholeBodies, operation, role, pathValues, kind, "body") with { Body = bytes };
            }
        }
    }

    private static IEnumerable<(string Kind, byte[] Body)> WholeBodies(string baseline)
    {
        var utf8 = FuzzValues.Utf8;
        yield return ("empty body", []);
        yield return ("null", utf8("null"));
        yield return ("[]", utf8("[]"));
        yield return ("{}", utf8("{}"));
        yield return ("a string", utf8("\"text\""));
        yield return ("a number", utf8("0"));
        yield return ("1e400", utf8("1e400"));
        yield return ("true", utf8("true"));
        yield return ("malformed: {", utf8("{"));
        yield return ("malformed: missing value", utf8("{\"a\":}"));
        yield return ("malformed: single quotes", utf8(baseline.Replace('"', '\'')));
        yield return ("malformed: trailing comma", utf8(baseline.TrimEnd('}') + ",}"));
        yield return ("malformed: comment", utf8("/* c */" + baseline));
        yield return ("malformed: NaN literal", utf8("{\"a\":NaN}"));
        yield return ("malformed: trailing garbage", utf8(baseline + "x"));
        yield return ("malformed: two documents", utf8(baseline + baseline));
        yield return ("truncated", utf8(baseline[..(baseline.Length / 2)]));
        yield return ("whitespace only", utf8("   \n\t "));
        yield return ("UTF-8 BOM first", [0xEF, 0xBB, 0xBF, .. utf8(baseline)]);
        yield return ("UTF-16LE bytes", Encoding.Unicode.GetBytes(baseline));
        yield return ("invalid UTF-8 (0xFF) in a string", Splice(baseline, [0xFF, 0xFE]));
        yield return ("overlong UTF-8 (0xC0 0xAF) in a string", Splice(baseline, [0xC0, 0xAF]));
        yield return ("UTF-8 encoded surrogate (0xED 0xA0 0x80) in a string", Splice(baseline, [0xED, 0xA0, 0x80]));
        yield return ("raw NUL byte", [.. utf8(baseline), 0x00]);
        yield return ("raw newline inside a string", Splice(baseline, [(byte)'\n']));
        yield return ("nesting 100000 deep", utf8(new string('[', 100_000)));
        yield return ("2 MB body", utf8(baseline.TrimEnd('}') + (baseline.Length > 2 ? "," : string.Empty) + "\"padding\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"));
    }

    /// <summary>The baseline with <paramref name="bytes"/> inserted just after the first string's opening quote.</summary>
    private static byte[] Splice(string baseline, byte[] bytes)
    {
        var text = FuzzValues.Utf8(baseline);
        var at = Array.IndexOf(text, (byte)':') is var colon and >= 0 ? Array.IndexOf(text, (byte)'"', colon) + 1 : 0;
        return at <= 0 ? [.. bytes, .. text] : [.. text[..at], .. bytes, .. text[at..]];
    }

    private IEnumerable<FuzzCase> ContentTypeCases(ApiOperation operation, IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues)
    {
        if (operation.Body is null)
        {
            yield break;
        }

        string?[] types =
        [
            "application/json; charset=utf8",
            "application/json; charset=\"utf-8\"",
            "application/json; charset=UTF-8",
            "application/json; charset=windows-1252",
            "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16",
            "application/json; charset=",
            "application/json; charset=no-such-charset",
            "application/json; foo=bar",
            "APPLICATION/JSON",
            "application/problem+json",
            "application/merge-patch+json",
            "text/plain",
            "text/plain; charset=utf-8",
            "application/xml",
            "multipart/form-data",
            "multipart/form-data; boundary=fuzz",
            "application/x-www-form-urlencoded",
            "*/*",
            "application",
            "garbage;;;===",
            "application/json, text/plain",
            null,
        ];
        foreach (var type in types)
        {
            yield return Baseline(FuzzCategory.ContentTypes, operation, FocusRole(operation), pathValues, type ?? "(no Content-Type)", "Content-Type") with
            {
                ContentType = type,
            };
        }
    }

    private IEnumerable<FuzzCase> HeaderCases(ApiOperation operation, IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues)
    {
        var ifMatch = new[]
        {
            string.Empty, "*", "\"1\"", "1", "W/\"1\"", "\"abc\"", "abc", "\"-1\"", "\"99999999999999999999\"", "\"1\", \"2\"", "*, \"1\"",
            "\"", "\"\"", "\"" + new string('9', 5000) + "\"", "\"ü\"", "\"1\u0001\"",
        };
        // Keys are remembered per caller across endpoints (the same key elsewhere is 422): those that can be are unique to
        // the operation, so that what one operation's case answers does not depend on which operation ran first.
        var unique = operation.OperationId;
        var idempotencyKeys = new[]
        {
            string.Empty, " ", Padded(unique, 255), Padded(unique, 256), Padded(unique, 300), Padded(unique, 5000), $"ключ-😀-{unique}",
            $"a\tb-{unique}", "a\u0001b", "%00",
        };
        var authorizations = new (string Kind, string Value)[]
        {
            ("Bearer without token", "Bearer"),
            ("Bearer garbage", "Bearer garbage"),
            ("Bearer a.b.c", "Bearer a.b.c"),
            ("Bearer 10k chars", "Bearer " + new string('a', 10_000)),
            ("Bearer non-ASCII", "Bearer ü"),
            ("Basic", "Basic dXNlcjpwYXNz"),
            ("unknown scheme", "Fuzz token"),
            ("expired token", "Bearer " + TestTokens.Expired()),
            ("token signed with another key", "Bearer " + TestTokens.SignedWithAnotherKey()),
            ("tampered token", "Bearer " + TestTokens.Tampered()),
            ("admin token whose sub is not a GUID", "Bearer " + TestTokens.WithSubject("not-a-guid")),
            ("admin token whose sub is empty", "Bearer " + TestTokens.WithSubject(string.Empty)),
            ("admin token whose sub is 5000 chars", "Bearer " + TestTokens.WithSubject(new string('s', 5000))),
            ("token with alg none", "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0."),
        };
        var roles = PrimaryRoles(operation);
        foreach (var role in roles)
        {
            if (operation.Method is "PUT" or "DELETE" or "PATCH" || (operation.Method == "POST" && operation.PathParameters.Any()))
            {
                foreach (var value in ifMatch)
                {
                    yield return WithHeader(operation, role, pathValues, "If-Match", value);
                }
            }

            if (operation.Parameters.Any(p => p.In == "header" && string.Equals(p.Name, "Idempotency-Key", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var value in idempotencyKeys)
                {
                    yield return WithHeader(operation, role, pathValues, "Idempotency-Key", value);
                }

                var twice = Baseline(FuzzCategory.Headers, operation, role, pathValues, "Idempotency-Key twice", "Idempotency-Key");
                yield return twice with { Headers = [new("Idempotency-Key", "key-a"), new("Idempotency-Key", "key-b")] };
            }

            // Beyond Kestrel's limits (32 KB of headers, 100 headers): refused before the app runs, still problem details.
            var big = Baseline(FuzzCategory.Headers, operation, role, pathValues, "a 40 KB header", "X-Fuzz");
            yield return big with { Headers = [new("X-Fuzz", new string('h', 40 * 1024))] };
            var many = Baseline(FuzzCategory.Headers, operation, role, pathValues, "120 headers", "X-Fuzz-*");
            yield return many with { Headers = [.. Enumerable.Range(0, 120).Select(i => new KeyValuePair<string, string>($"X-Fuzz-{i}", "x"))] };

            // An error answer must stay problem details whatever the client accepts.
            foreach (var accept in new[] { "application/xml", "text/html", "application/json;q=0, */*;q=0" })
            {
                var error = Baseline(FuzzCategory.Headers, operation, role, pathValues, $"Accept: {accept} (on an error)", "Accept");
                error = operation.PathParameters.FirstOrDefault() is { } parameter
                    ? error with { PathAndQuery = Path(operation, pathValues[role], new Dictionary<string, string> { [parameter.Name] = "not-a-guid" }) }
                    : operation.Body is not null ? error with { Body = FuzzValues.Utf8("{") } : error;
                yield return error with { Headers = [new("Accept", accept)] };
            }
        }

        // An operation that documents no 401 takes anonymous callers: of the odd tokens, those that authenticate (odd
        // subjects) reach its code; one malformed and one expired token suffice to show the rest are ignored.
        var anonymousOperation = !operation.Responses.Contains("401") && !operation.Responses.Contains("403");
        foreach (var (kind, value) in authorizations.Where(a => !anonymousOperation || a.Kind.Contains("sub", StringComparison.Ordinal)
                                                                 || a.Kind is "Bearer garbage" or "expired token"))
        {
            yield return WithHeader(operation, roles[0], pathValues, "Authorization", value) with { Mutation = $"Authorization: {kind}" };
        }
    }

    private static string Padded(string text, int length) => text.Length >= length ? text[..length] : text + new string('k', length - text.Length);

    private FuzzCase WithHeader(
        ApiOperation operation, FuzzRole role, IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues, string name, string value) =>
        Baseline(FuzzCategory.Headers, operation, role, pathValues, $"{name}: {Label(value)}", name) with { Headers = [new(name, value)] };

    private static string Label(string value) => value.Length switch
    {
        0 => "(empty)",
        > 40 => $"{value.Length} chars",
        _ => string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())),
    };

    /// <summary>The operation's valid-looking request as <paramref name="role"/>, labelled with the mutation the caller applies.</summary>
    private FuzzCase Baseline(
        FuzzCategory category, ApiOperation operation, FuzzRole role,
        IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>> pathValues, string mutation, string target)
    {
        var body = operation.Body is { } schema ? BodyBaseline.Build(schema, operation, world) : null;
        return new FuzzCase(
            category,
            operation,
            role,
            mutation,
            target,
            Path(operation, pathValues[role], overrides: null),
            RequiredHeaders(operation),
            operation.Body is null ? null : FuzzValues.Utf8(body?.ToJsonString() ?? "null"),
            operation.Body is null ? null : Json);
    }

    /// <summary>Headers the operation requires (a checkout's <c>Idempotency-Key</c>): a fresh valid value per case.</summary>
    private KeyValuePair<string, string>[] RequiredHeaders(ApiOperation operation) =>
        [.. operation.Parameters
            .Where(p => p.In == "header" && p.Required && string.Equals(p.Name, "Idempotency-Key", StringComparison.OrdinalIgnoreCase))
            .Select(p => new KeyValuePair<string, string>(p.Name, $"fuzz-key-{world.NextSerial()}"))];

    /// <summary>The path with valid values, except for <paramref name="overrides"/>, which are inserted raw.</summary>
    private static string Path(ApiOperation operation, IReadOnlyDictionary<string, string> values, Dictionary<string, string>? overrides)
    {
        var path = operation.PathTemplate;
        foreach (var parameter in operation.PathParameters)
        {
            var value = overrides is not null && overrides.TryGetValue(parameter.Name, out var raw) ? raw : Uri.EscapeDataString(values[parameter.Name]);
            path = path.Replace($"{{{parameter.Name}}}", value, StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>The properties of the body the fuzz changes one at a time: top level, first array item, first map entry, nested.</summary>
    private static List<(object[] Path, FuzzSchema Schema, string? ItemJson)> Targets(FuzzSchema schema, JsonNode? baseline)
    {
        var found = new List<(object[], FuzzSchema, string?)>();
        Walk([], schema, baseline, found);
        return found;
    }

    private static void Walk(object[] path, FuzzSchema schema, JsonNode? node, List<(object[], FuzzSchema, string?)> found)
    {
        if (path.Length > 3)
        {
            return;
        }

        if (path.Length > 0)
        {
            found.Add((path, schema, schema.Kind == SchemaKind.Array && node is JsonArray { Count: > 0 } a ? a[0]?.ToJsonString() ?? "null" : null));
        }

        switch (schema.Kind)
        {
            case SchemaKind.Object when node is JsonObject obj:
                foreach (var (name, property) in schema.Properties)
                {
                    Walk([.. path, name], property, obj[name], found);
                }

                if (schema.AdditionalProperties is { } values && obj.Count > 0 && schema.Properties.Count == 0)
                {
                    var key = obj.First().Key;
                    Walk([.. path, key], values, obj[key], found);
                }

                break;
            case SchemaKind.Array when schema.Items is { } items && node is JsonArray { Count: > 0 } array:
                Walk([.. path, 0], items, array[0], found);
                break;
        }
    }

    private static void Set(JsonNode? root, object[] path, string value)
    {
        var node = root!;
        for (var i = 0; i < path.Length - 1; i++)
        {
            node = path[i] is int index ? node[index]! : node[(string)path[i]]!;
        }

        if (path[^1] is int last)
        {
            node[last] = value;
        }
        else
        {
            node[(string)path[^1]] = value;
        }
    }

    private static string Describe(object[] path) =>
        string.Concat(path.Select((p, i) => p is int index ? $"[{index}]" : i == 0 ? (string)p : $".{p}"));
}
