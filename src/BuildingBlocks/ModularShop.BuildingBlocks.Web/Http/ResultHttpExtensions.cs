using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.BuildingBlocks.Web.Http;

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

    public static int StatusCode(this ErrorKind kind) => Problems.StatusOf(kind);

    /// <summary>The error as problem details (made by <see cref="Problems"/>), with <c>Retry-After</c> when the error says when to retry.</summary>
    public static IResult ToProblem(this Error error)
    {
        var problem = TypedResults.Problem(Problems.From(error));
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
