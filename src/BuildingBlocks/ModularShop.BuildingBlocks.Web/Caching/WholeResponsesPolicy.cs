using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace ModularShop.BuildingBlocks.Web.Caching;

/// <summary>
/// An output-cache policy that answers conditional GETs (<c>If-None-Match</c>, <c>If-Modified-Since</c>) with the whole
/// cached response, never a 304. For resources whose ETag versions only part of the representation — a product's ETag
/// is its version, which guards the descriptive fields, while its stock changes without it (API.md): a 304 on the
/// version would keep a sold-out product "in stock" in the client's copy.
/// </summary>
public sealed class WholeResponsesPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // The cache decides 304s from these request headers after this hook; without them it serves the full entry.
        context.HttpContext.Request.Headers.Remove(HeaderNames.IfNoneMatch);
        context.HttpContext.Request.Headers.Remove(HeaderNames.IfModifiedSince);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
