namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>
/// A business failure returned (not thrown) by a handler. <see cref="Code"/> is a stable machine-readable
/// code (e.g. <c>catalog.slug_taken</c>); <see cref="Fields"/> names the offending request fields.
/// </summary>
public sealed record Error(
    string Code,
    string Message,
    ErrorKind Kind,
    IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public const string ValidationCode = "validation";
    public const string ValidationTitle = "One or more validation errors occurred.";

    /// <summary>For <see cref="ErrorKind.TooManyRequests"/> and in-flight conflicts: when the client may try again (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// Extra members of the problem body (camelCase name → a JSON-serialisable value), e.g. the lines a checkout could
    /// not reserve. Documented by the endpoint that answers them.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Error Unauthorized(string code, string message) => new(code, message, ErrorKind.Unauthorized);

    public static Error PaymentRequired(string code, string message) => new(code, message, ErrorKind.PaymentRequired);

    public static Error TooManyRequests(string code, string message, TimeSpan retryAfter) =>
        new(code, message, ErrorKind.TooManyRequests) { RetryAfter = retryAfter };

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);

    public static Error Unprocessable(string code, string message) => new(code, message, ErrorKind.Unprocessable);

    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);

    public static Error Validation(string field, string message) =>
        new(ValidationCode, ValidationTitle, ErrorKind.Validation, new Dictionary<string, string[]> { [field] = [message] });

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new(ValidationCode, ValidationTitle, ErrorKind.Validation, fields);

    /// <summary>The version the client sent in <c>If-Match</c> is not the current one.</summary>
    public static Error StaleVersion(long current) =>
        Conflict("concurrency.stale_version",
            $"The resource was changed by someone else (current version {current}). Reload it and try again.");
}
