using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// ASP.NET Core's rate limiter answering 429 (not its default 503) as problem details with
/// <c>Retry-After</c>. Modules add their own named policies with <c>services.AddRateLimiter(o =&gt; o.AddPolicy(...))</c>.
/// </summary>
public static class RateLimitingSetup
{
    public static IServiceCollection AddShopRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers[HeaderNames.RetryAfter] = ResultHttpExtensions.RetryAfterSeconds(retryAfter);
                await Problems.WriteAsync(http, Problems.From(Error.TooManyRequests(
                    "rate_limited", "Too many requests from this client. Wait for the time in Retry-After and try again.", retryAfter)));
            };
        });

    /// <summary>
    /// The partition key for per-client limits: the client's address (after forwarded headers from known
    /// proxies are applied), an IPv6 client by its /64 network — one host can hold a whole /64.
    /// </summary>
    public static string ClientAddress(HttpContext context) => ClientKey(context.Connection.RemoteIpAddress);

    public static string ClientKey(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}
