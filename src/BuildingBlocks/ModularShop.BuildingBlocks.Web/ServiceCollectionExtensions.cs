using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;

namespace ModularShop.BuildingBlocks.Web;

public static class ServiceCollectionExtensions
{
    /// <summary>Clock, current user, problem details and the rate limiter's 429 answer: what every module may take for granted.</summary>
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ShopOptions>().BindConfiguration(ShopOptions.Section);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddShopProblemDetails();
        services.AddShopRateLimiting();
        return services;
    }
}
