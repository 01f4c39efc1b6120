using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Versions travel as strong ETags (<c>"7"</c>). <c>If-Match</c> is parsed leniently (<c>"7"</c>, <c>7</c>,
/// <c>W/"7"</c>); <c>*</c> matches any version.
/// </summary>
public static class ETags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Reads <c>If-Match</c>. Returns <c>true</c> with a null version when absent or <c>*</c>; <c>false</c>
    /// when the header is present but not a version this API issued.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? expectedVersion)
    {
        expectedVersion = null;
        var raw = request.Headers.IfMatch.ToString().Trim();
        if (raw.Length == 0 || raw == "*")
        {
            return true;
        }

        if (raw.StartsWith("W/", StringComparison.Ordinal))
        {
            raw = raw[2..];
        }

        raw = raw.Trim('"');
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expectedVersion = version;
            return true;
        }

        return false;
    }

    public static readonly string IfMatchHeader = HeaderNames.IfMatch;
}
