using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ModularShop.BuildingBlocks.Results;

namespace ModularShop.BuildingBlocks.Http;

/// <summary>
/// The single mapping from handler outcomes to HTTP: success shapes here, failures to RFC 9457 problem
/// details via <see cref="ToProblem"/>. Endpoints never build error responses by hand.
/// </summary>
public static class ResultHttpExtensions
{
    public static IResult ToOk<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();

    /// <summary>200 with an <c>ETag</c> carrying the resource's version.</summary>
    public static IResult ToOk<T>(this Result<T> result, Func<T, long> version) =>
        result.IsSuccess
            ? new HeaderResult(HeaderNames.ETag, ETags.Format(version(result.Value)), TypedResults.Ok(result.Value))
            : result.Error.ToProblem();

    public static IResult ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value), result.Value) : result.Error.ToProblem();

    public static IResult ToCreated<T>(this Result<T> result, Func<T, string> location, Func<T, long> version) =>
        result.IsSuccess
            ? new HeaderResult(HeaderNames.ETag, ETags.Format(version(result.Value)), TypedResults.Created(location(result.Value), result.Value))
            : result.Error.ToProblem();

    public static IResult ToNoContent(this Result result) =>
        result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();

    public static int StatusCode(this ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IResult ToProblem(this Error error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Kind == ErrorKind.Validation)
        {
            return TypedResults.ValidationProblem(
                error.Fields ?? new Dictionary<string, string[]>(),
                detail: error.Fields is null ? error.Message : null,
                title: "One or more validation errors occurred.",
                extensions: extensions);
        }

        var problem = TypedResults.Problem(
            detail: error.Message,
            statusCode: error.Kind.StatusCode(),
            extensions: extensions);
        return error.RetryAfter is { } retryAfter
            ? new HeaderResult(HeaderNames.RetryAfter, RetryAfterSeconds(retryAfter), problem)
            : problem;
    }

    /// <summary><c>Retry-After</c> in whole seconds, rounded up, at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class HeaderResult(string name, string value, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
