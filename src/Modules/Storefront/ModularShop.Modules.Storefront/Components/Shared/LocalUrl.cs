using ModularShop.BuildingBlocks.Web.Http;

namespace ModularShop.Modules.Storefront.Components.Shared;

/// <summary>Where to go after signing in: a path of this site (<see cref="LocalPaths"/>), else home.</summary>
internal static class LocalUrl
{
    public static string OrHome(string? url) => LocalPaths.OrNull(url) ?? "/";
}
