using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Validation;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Turns the framework's own bad-input failures (malformed JSON, wrong JSON types, numbers out of range,
/// missing body, unbindable query values, wrong media type, oversized body) into problem details that name
/// the field, instead of an empty 400 or a 500.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<BadRequestExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        logger.LogDebug(exception, "Rejected bad request to {Path}", httpContext.Request.Path);
        var status = bad.StatusCode;
        httpContext.Response.StatusCode = status;
        var (field, message) = Describe(bad);
        var code = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "request.too_large",
            StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
            _ => Error.ValidationCode,
        };
        var errors = status == StatusCodes.Status400BadRequest ? new Dictionary<string, string[]> { [field] = [message] } : null;
        var details = Problems.Create(status, code, message, errors);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }

    internal static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = FieldNames.ToCamelCasePath(json.Path ?? string.Empty);
            var message = json.InnerException is FormatException or OverflowException || json.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "The value has the wrong type or is out of range."
                : "The JSON is malformed.";
            if (field == "body" && json.Message.Contains("missing required properties", StringComparison.Ordinal))
            {
                message = "Required properties are missing.";
            }

            return (field, message);
        }

        var text = exception.Message;
        var bind = BindFailure().Match(text);
        if (bind.Success)
        {
            return (FieldNames.ToCamelCasePath(bind.Groups["name"].Value), $"The value '{Truncate(bind.Groups["value"].Value)}' is not valid.");
        }

        var required = RequiredMissing().Match(text);
        if (required.Success)
        {
            return required.Groups["source"].Value == "body"
                ? ("body", "A JSON request body is required.")
                : (FieldNames.ToCamelCasePath(required.Groups["name"].Value), "The value is required.");
        }

        if (text.Contains("no body was provided", StringComparison.Ordinal) || text.Contains("request body", StringComparison.OrdinalIgnoreCase))
        {
            return ("body", exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is too large."
                : "A valid JSON request body is required.");
        }

        return ("request", exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => JsonBodyMiddleware.UnsupportedMediaTypeDetail,
            _ => "The request is malformed.",
        });
    }

    private static string Truncate(string value) => value.Length <= 50 ? value : value[..50] + "…";

    [GeneratedRegex("^Failed to bind parameter \"[^ \"]+ (?<name>[^\"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"[^ \"]+ (?<name>[^\"]+)\" was not provided from (?<source>[a-z ]+?)\\.$")]
    private static partial Regex RequiredMissing();
}
