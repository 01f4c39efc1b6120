namespace ModularShop.Modules.Storefront.Components.Shared;

/// <summary>Where to go after signing in: only a path of this site (never <c>//evil.example</c> or <c>https://…</c>).</summary>
internal static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Contains("://", StringComparison.Ordinal) && !url.Any(char.IsControl)
            ? url
            : "/";
}
