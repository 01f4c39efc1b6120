using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Http;
using ModularShop.BuildingBlocks.Security;

namespace ModularShop.BuildingBlocks;

public static class ServiceCollectionExtensions
{
    /// <summary>Clock, current user and problem details: what every module may take for granted.</summary>
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ShopOptions>().BindConfiguration(ShopOptions.Section);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddShopProblemDetails();
        return services;
    }
}
