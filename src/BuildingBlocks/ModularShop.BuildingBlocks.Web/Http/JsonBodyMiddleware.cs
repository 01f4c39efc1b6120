using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Checks the media type of a body sent to an endpoint that reads one, before model binding. The framework's JSON
/// reading throws — a 500 — for a charset it does not know (<c>utf8</c>, <c>"utf-8"</c>, <c>windows-1252</c>, an empty
/// one). JSON is UTF-8 (RFC 8259, API.md): a body declared UTF-8 in any common spelling (<c>utf-8</c>, <c>utf8</c>, any
/// letter case, quoted or not) is read as UTF-8; any other charset, and a media type the endpoint does not read, is a
/// 415 problem.
/// </summary>
internal sealed class JsonBodyMiddleware(RequestDelegate next)
{
    public const string UnsupportedMediaTypeDetail =
        "Send the body as JSON in UTF-8: Content-Type: application/json, with charset=utf-8 or no charset.";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.ContentType.Count == 0 || context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not { } accepts)
        {
            // No media type: the framework answers 415 (a body without one) or 400 (no body) as problem details itself.
            return next(context);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !accepts.ContentTypes.Any(accepted => MediaTypeHeaderValue.TryParse(accepted, out var type) && mediaType.IsSubsetOf(type)))
        {
            return RefuseAsync(context);
        }

        if (!IsJson(mediaType))
        {
            return next(context);
        }

        var charset = mediaType.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));
        if (charset is null)
        {
            return next(context);
        }

        var value = HeaderUtilities.RemoveQuotes(charset.Value).Trim();
        if (!value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !value.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return RefuseAsync(context);
        }

        if (!charset.Value.Equals("utf-8", StringComparison.Ordinal))
        {
            // The spelling the framework's reader knows.
            charset.Value = "utf-8";
            request.ContentType = mediaType.ToString();
        }

        return next(context);
    }

    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);

    private static Task RefuseAsync(HttpContext context) =>
        Problems.WriteAsync(context, Problems.Create(
            StatusCodes.Status415UnsupportedMediaType,
            Problems.DefaultCodeOf(StatusCodes.Status415UnsupportedMediaType),
            UnsupportedMediaTypeDetail));
}
