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
        services.AddOptions<ShopOptions>().BindConfiguration(ShopOptions.Section)
            .Validate(o => o.Currency is { Length: 3 } && o.Currency.All(c => c is >= 'A' and <= 'Z'),
                "Shop:Currency must be an ISO 4217 code of three upper-case letters (e.g. USD).")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddShopProblemDetails();
        services.AddShopRateLimiting();
        return services;
    }
}
