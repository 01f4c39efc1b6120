namespace ModularShop.BuildingBlocks.Results;

/// <summary>What kind of failure an <see cref="Error"/> is; decides the HTTP status in one place.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Unauthorized,
    Forbidden,
    TooManyRequests,
}

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
    /// <summary>For <see cref="ErrorKind.TooManyRequests"/>: when the client may try again (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error Unauthorized(string code, string message) => new(code, message, ErrorKind.Unauthorized);

    public static Error TooManyRequests(string code, string message, TimeSpan retryAfter) =>
        new(code, message, ErrorKind.TooManyRequests) { RetryAfter = retryAfter };

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);

    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);

    public static Error Validation(string field, string message) =>
        new("validation", "One or more validation errors occurred.", ErrorKind.Validation,
            new Dictionary<string, string[]> { [field] = [message] });

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new("validation", "One or more validation errors occurred.", ErrorKind.Validation, fields);

    /// <summary>The version the client sent in <c>If-Match</c> is not the current one.</summary>
    public static Error StaleVersion(long current) =>
        Conflict("concurrency.stale_version",
            $"The resource was changed by someone else (current version {current}). Reload it and try again.");
}
