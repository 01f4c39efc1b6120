using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// The one place problem-details bodies (RFC 9457) are made: handlers' <see cref="Error"/>s, the rate limiter's 429,
/// the idempotency filter, the exception handlers and token failures all come through here, so every error has the
/// same shape: <c>status</c>, <c>title</c>, <c>type</c>, <c>detail</c>, a stable <c>code</c>, <c>errors</c> for
/// validation, and (added by <see cref="ProblemDetailsSetup"/>) <c>instance</c> and <c>traceId</c>.
/// </summary>
public static class Problems
{
    /// <summary>
    /// The HTTP status of each <see cref="ErrorKind"/>. Exhaustive on purpose: a kind without a status throws
    /// (and a unit test enumerating every kind fails) instead of quietly becoming a 500.
    /// </summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This error kind has no HTTP status; add it to Problems.StatusOf."),
    };

    /// <summary>The problem body of a handler's <see cref="Error"/>.</summary>
    public static ProblemDetails From(Error error)
    {
        var problem = Create(StatusOf(error.Kind), error.Code, error.Kind == ErrorKind.Validation && error.Fields is not null ? null : error.Message, error.Fields);
        foreach (var (name, value) in error.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions.TryAdd(name, value);
        }

        return problem;
    }

    /// <summary>A problem body for <paramref name="status"/> with a stable <paramref name="code"/>; <paramref name="errors"/> (field → messages) makes it a validation problem.</summary>
    public static ProblemDetails Create(int status, string code, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        ProblemDetails problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
        problem.Status = status;
        problem.Title = TitleOf(status, errors is not null);
        problem.Type = TypeOf(status);
        problem.Detail = detail;
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>Writes <paramref name="problem"/> as the response (status, <c>application/problem+json</c>), through the problem-details service.</summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem, Exception? exception = null)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The short, stable title of a status.</summary>
    public static string TitleOf(int status, bool validation = false) => status switch
    {
        StatusCodes.Status400BadRequest => validation ? Error.ValidationTitle : "Bad Request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status402PaymentRequired => "Payment Required",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not Found",
        StatusCodes.Status405MethodNotAllowed => "Method Not Allowed",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status414UriTooLong => "The URL is too long.",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable Content",
        StatusCodes.Status429TooManyRequests => "Too Many Requests",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large.",
        _ => status >= 500 ? "An error occurred while processing your request." : "Error",
    };

    /// <summary>
    /// The stable <c>code</c> of a problem the framework made without one (a 404 of no route, a 405, the authentication
    /// challenge's 401, routing's 415): every problem body carries a code, wherever it came from.
    /// </summary>
    public static string DefaultCodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "request.malformed",
        StatusCodes.Status401Unauthorized => "auth.unauthorized",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status406NotAcceptable => "not_acceptable",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status414UriTooLong => "request.uri_too_long",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "request.headers_too_large",
        >= 500 => "server_error",
        _ => "error",
    };

    /// <summary>The <c>type</c> URI of a status: its section of RFC 9110 (or RFC 6585).</summary>
    internal static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status405MethodNotAllowed => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        StatusCodes.Status406NotAcceptable => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status412PreconditionFailed => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status426UpgradeRequired => "https://tools.ietf.org/html/rfc9110#section-15.5.22",
        StatusCodes.Status502BadGateway => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        StatusCodes.Status504GatewayTimeout => "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        StatusCodes.Status402PaymentRequired => "https://tools.ietf.org/html/rfc9110#section-15.5.3",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status414UriTooLong => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
        >= 500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        _ => "about:blank",
    };
}
