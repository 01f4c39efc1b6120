using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's <c>Accept</c> says. The framework's
/// writer declines when <c>Accept</c> excludes JSON (<c>application/xml</c>, <c>text/html</c>), and the error then went
/// out as an empty body or <c>text/plain</c> "Status Code: 404". This API has no other error format, and RFC 9110
/// (§12.1) lets a server answer an error in a format the client did not ask for rather than not at all.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problem.Title ??= Problems.TitleOf(status, problem is HttpValidationProblemDetails);
        problem.Type ??= Problems.TypeOf(status);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType, http.RequestAborted));
    }
}
