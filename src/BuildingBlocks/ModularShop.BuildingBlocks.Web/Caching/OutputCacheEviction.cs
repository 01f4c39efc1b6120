using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace ModularShop.BuildingBlocks.Web.Caching;

public static class OutputCacheEviction
{
    /// <summary>
    /// After a successful (2xx) response, evicts every output-cached response tagged <paramref name="tag"/> on
    /// this instance. Other instances rely on the short cache lifetime.
    /// </summary>
    public static TBuilder EvictsOutputCache<TBuilder>(this TBuilder builder, string tag) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : context.HttpContext.Response.StatusCode;
            if (status is >= 200 and < 300)
            {
                var store = context.HttpContext.RequestServices.GetRequiredService<IOutputCacheStore>();
                await store.EvictByTagAsync(tag, context.HttpContext.RequestAborted);
            }

            return result;
        });
}
