using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// What every answer must be, whatever the request (API.md, "Conventions"): never a 5xx, and every error an RFC 9457
/// problem details body (<c>application/problem+json</c>, a JSON object whose <c>status</c> is the HTTP status, with a
/// <c>title</c> and a <c>type</c>).
/// </summary>
public static partial class FuzzOracle
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>The rule <paramref name="outcome"/> breaks, or null when it is a proper answer.</summary>
    public static string? Judge(FuzzOutcome outcome)
    {
        if (outcome.ClientRefused)
        {
            return null;
        }

        if (outcome.Error is not null)
        {
            return "no HTTP answer (the request failed or the connection was dropped)";
        }

        if (outcome.Status >= 500)
        {
            return "5xx";
        }

        if (outcome.Status < 400 || AnsweredByKestrel(outcome))
        {
            return null;
        }

        if (!string.Equals(outcome.ContentType, ProblemJson, StringComparison.OrdinalIgnoreCase))
        {
            return $"error is not {ProblemJson}";
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(outcome.Body).RootElement;
        }
        catch (JsonException)
        {
            return "problem body is not JSON";
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return "problem body is not a JSON object";
        }

        if (!json.TryGetProperty("status", out var status) || !status.TryGetInt32(out var s) || s != outcome.Status)
        {
            return "problem 'status' missing or not the HTTP status";
        }

        if (!NonEmptyString(json, "title"))
        {
            return "problem 'title' missing";
        }

        if (!NonEmptyString(json, "type"))
        {
            return "problem 'type' missing";
        }

        return Internals().IsMatch(outcome.Body) ? "problem details leak internals (database object, exception or stack frame)" : null;
    }

    /// <summary>
    /// The one rejection the application cannot shape: Kestrel refuses a path with a NUL (<c>%00</c>) while parsing
    /// the request line, before any middleware runs, with an empty 400 (docs/security.md lists it; KestrelRejectionTests
    /// pins it). Everything else the fuzz sends reaches the application.
    /// </summary>
    private static bool AnsweredByKestrel(FuzzOutcome outcome) =>
        outcome.Status == 400 && outcome.Body.Length == 0 && outcome.ContentType is null
        && outcome.Case.PathAndQuery.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    /// <summary>Names a client must never see: index/constraint names, PostgreSQL error codes, exception types, stack frames.</summary>
    [GeneratedRegex(@"\b(ix|pk|fk|ak|uq|ux)_[a-z0-9_]+\b|\b23505\b|Npgsql|PostgresException|DbUpdateException|Exception:|\bat [A-Z][A-Za-z0-9_.]+\(")]
    private static partial Regex Internals();

    /// <summary>
    /// The softer check: the status is one the operation's document declares. Null when it is (or when there was no
    /// answer at all, which <see cref="Judge"/> reports).
    /// </summary>
    public static string? JudgeDocumented(FuzzOutcome outcome) =>
        outcome.Error is null && !outcome.ClientRefused && !outcome.Case.Operation.Documents(outcome.Status) && !AnyOperationMay(outcome)
            ? $"status {outcome.Status} is not documented for the operation"
            : null;

    /// <summary>
    /// Answers that belong to no operation: the server's own limits (413, 414, 431), and a broken path, which no longer
    /// names the operation's resource (400 malformed, 404 no such route, 405 another route's method).
    /// </summary>
    private static bool AnyOperationMay(FuzzOutcome outcome) =>
        outcome.Status is 413 or 414 or 431
        || (outcome.Case.Category == FuzzCategory.PathParameters && outcome.Status is 400 or 404 or 405);

    private static bool NonEmptyString(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());
}
