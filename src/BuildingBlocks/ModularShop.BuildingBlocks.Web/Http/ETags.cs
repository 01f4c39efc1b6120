using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Versions travel as strong ETags: <c>"7"</c>, or <c>"7.3"</c> for a resource whose representation also carries a
/// second counter that moves on its own (a product's stock version) — the ETag changes whenever the representation
/// does, so a cached copy is never revalidated as current after a sale. <c>If-Match</c> is parsed leniently
/// (<c>"7"</c>, <c>7</c>, <c>W/"7"</c>, <c>"7.3"</c>) and compares the first number only, the version that guards
/// what a client edits; <c>*</c> matches any version.
/// </summary>
public static class ETags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary><c>"version.secondary"</c>: e.g. a product's version and stock version.</summary>
    public static string Format(long version, long secondary) =>
        $"\"{version.ToString(CultureInfo.InvariantCulture)}.{secondary.ToString(CultureInfo.InvariantCulture)}\"";

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
        if (raw.IndexOf('.', StringComparison.Ordinal) is var dot and > 0
            && long.TryParse(raw.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            raw = raw[..dot];
        }

        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expectedVersion = version;
            return true;
        }

        return false;
    }

    public static readonly string IfMatchHeader = HeaderNames.IfMatch;
}
