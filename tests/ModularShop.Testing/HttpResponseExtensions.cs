using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ModularShop.Testing;

/// <summary>An RFC 9457 problem details body as the API answers it.</summary>
/// <param name="ContentType">The response's media type (expected <c>application/problem+json</c>).</param>
/// <param name="Errors">Validation errors by camelCase field name (empty when there are none).</param>
/// <param name="Json">The whole body, for extensions such as <c>code</c>.</param>
public sealed record Problem(
    string? ContentType,
    int? Status,
    string? Title,
    string? Type,
    string? Detail,
    string? Code,
    IReadOnlyDictionary<string, string[]> Errors,
    JsonElement Json);

/// <summary>An expectation about a response that did not hold (the message includes the response body).</summary>
public sealed class UnexpectedResponseException(string message) : Exception(message);

/// <summary>Reading JSON and problem details bodies, with failures that show what the server answered.</summary>
public static class HttpResponseExtensions
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>The API's JSON conventions (camelCase, case-insensitive reads).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the body as <typeparamref name="T"/> after checking the status code.</summary>
    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await response.ExpectStatusAsync(expected);
        var value = await response.Content.ReadFromJsonAsync<T>(Json);
        return value ?? throw new UnexpectedResponseException($"{Describe(response)} had a null JSON body.");
    }

    /// <summary>Reads the body as a <see cref="JsonElement"/> after checking the status code.</summary>
    public static Task<JsonElement> ReadJsonElementAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) =>
        response.ReadJsonAsync<JsonElement>(expected);

    /// <summary>Reads a problem details body; fails unless the status is <paramref name="expected"/>.</summary>
    public static async Task<Problem> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ExpectStatusAsync(expected);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement json;
        try
        {
            json = JsonSerializer.Deserialize<JsonElement>(text, Json);
        }
        catch (JsonException e)
        {
            throw new UnexpectedResponseException($"{Describe(response)} is not JSON: {e.Message}\n{Truncate(text)}");
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new UnexpectedResponseException($"{Describe(response)} is not a JSON object:\n{Truncate(text)}");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (json.TryGetProperty("errors", out var errorsElement) && errorsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errorsElement.EnumerateObject())
            {
                errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                    ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                    : [field.Value.ToString()];
            }
        }

        return new Problem(
            response.Content.Headers.ContentType?.MediaType,
            json.TryGetProperty("status", out var status) && status.TryGetInt32(out var s) ? s : null,
            StringOrNull(json, "title"),
            StringOrNull(json, "type"),
            StringOrNull(json, "detail"),
            StringOrNull(json, "code"),
            errors,
            json);
    }

    /// <summary>Fails (showing the body) unless the response has status <paramref name="expected"/>.</summary>
    public static async Task ExpectStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync();
            throw new UnexpectedResponseException(
                $"Expected {(int)expected} {expected} but {Describe(response)} answered {(int)response.StatusCode} {response.StatusCode}:\n{Truncate(body)}");
        }
    }

    /// <summary>A JSON body from a raw string (for malformed or wrongly typed JSON).</summary>
    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    private static string? StringOrNull(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(HttpResponseMessage response) =>
        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
