namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Where a page may send the browser back to (<c>?returnUrl=</c>): a path of this site only — never another origin
/// (<c>//evil.example</c>, <c>/\evil</c>, <c>https://…</c>) and nothing with control characters. One check for every module
/// that redirects on a caller's word (the storefront's sign-in, the simulated bank page).
/// </summary>
public static class LocalPaths
{
    /// <summary><paramref name="value"/> when it is a path of this site, else <c>null</c>.</summary>
    public static string? OrNull(string? value) =>
        value is { Length: > 0 and <= 2048 } && value[0] == '/' && (value.Length == 1 || (value[1] != '/' && value[1] != '\\'))
            && !value.Contains("://", StringComparison.Ordinal) && !value.Any(char.IsControl)
            ? value
            : null;
}
