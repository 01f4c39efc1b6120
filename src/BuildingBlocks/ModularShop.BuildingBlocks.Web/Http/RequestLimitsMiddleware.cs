using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Enforces <see cref="RequestLimits.MaxUrlLength"/>, <see cref="RequestLimits.MaxHeadersTotalBytes"/> and
/// <see cref="RequestLimits.MaxHeaderCount"/> with problem details (414, 431). Kestrel refuses the same requests with an
/// empty body; its limits are raised above these (<see cref="HttpHardening.AddShopHttpHardening"/>) so that they are
/// answered here instead.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var urlLength = string.IsNullOrEmpty(target)
            ? request.PathBase.Value?.Length + request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0
            : target.Length;
        if (urlLength > RequestLimits.MaxUrlLength)
        {
            return Problems.WriteAsync(context, Problems.Create(
                StatusCodes.Status414UriTooLong,
                Problems.DefaultCodeOf(StatusCodes.Status414UriTooLong),
                $"The URL (path and query) may be at most {RequestLimits.MaxUrlLength} characters; this one has {urlLength}."));
        }

        var count = 0;
        var bytes = 0L;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                // As Kestrel counts a header line: name, ": ", value, CRLF.
                count++;
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (count > RequestLimits.MaxHeaderCount || bytes > RequestLimits.MaxHeadersTotalBytes)
        {
            return Problems.WriteAsync(context, Problems.Create(
                StatusCodes.Status431RequestHeaderFieldsTooLarge,
                Problems.DefaultCodeOf(StatusCodes.Status431RequestHeaderFieldsTooLarge),
                $"The request headers may be at most {RequestLimits.MaxHeaderCount} lines and {RequestLimits.MaxHeadersTotalBytes} bytes together; " +
                $"these are {count} lines and {bytes} bytes."));
        }

        return next(context);
    }
}
