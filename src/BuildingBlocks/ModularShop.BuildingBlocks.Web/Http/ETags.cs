using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Versions travel as strong ETags (<c>"7"</c>). <c>If-Match</c> (RFC 9110 §13.1.1) is <c>*</c> or a list of entity
/// tags, compared strongly: a weak tag (<c>W/"7"</c>) or a tag this API never issued (<c>"abc"</c>) is well-formed but
/// never matches, so the change is refused as stale (409). A bare version (<c>7</c>) is still accepted for older clients.
/// </summary>
public static class ETags
{
    /// <summary>
    /// No resource ever has this version: an <c>If-Match</c> none of whose tags can match is read as this expected version,
    /// so that the handler answers its 409 with the current version.
    /// </summary>
    public const long NoVersion = -1;

    public static readonly string IfMatchHeader = HeaderNames.IfMatch;

    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Reads <c>If-Match</c>. Returns <c>true</c> with a null version when absent or <c>*</c>, with the version its tags
    /// name, or with <see cref="NoVersion"/> when no tag can match; <c>false</c> when the header is not a list of
    /// entity tags, or names two different versions (a client holds one).
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? expectedVersion) =>
        TryReadIfMatch(request.Headers.IfMatch.ToString(), out expectedVersion);

    /// <inheritdoc cref="TryReadIfMatch(HttpRequest, out long?)"/>
    public static bool TryReadIfMatch(string header, out long? expectedVersion)
    {
        expectedVersion = null;
        var raw = header.Trim();
        if (raw.Length == 0 || raw == "*")
        {
            return true;
        }

        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            expectedVersion = bare;
            return true;
        }

        var versions = new HashSet<long>();
        var position = 0;
        while (true)
        {
            SkipWhitespace(raw, ref position);
            if (position == raw.Length)
            {
                break;
            }

            if (raw[position] == ',')
            {
                // Empty list elements are allowed (RFC 9110 §5.6.1).
                position++;
                continue;
            }

            if (!TryReadEntityTag(raw, ref position, out var weak, out var opaque))
            {
                return false;
            }

            if (!weak && long.TryParse(opaque, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && Format(version) == $"\"{opaque}\"")
            {
                versions.Add(version);
            }

            SkipWhitespace(raw, ref position);
            if (position < raw.Length && raw[position] != ',')
            {
                return false;
            }
        }

        if (versions.Count > 1)
        {
            return false;
        }

        expectedVersion = versions.Count == 1 ? versions.Single() : NoVersion;
        return true;
    }

    /// <summary><c>entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE</c>, <c>etagc = %x21 / %x23-7E / obs-text</c>.</summary>
    private static bool TryReadEntityTag(string text, ref int position, out bool weak, out string opaque)
    {
        weak = text.AsSpan(position).StartsWith("W/", StringComparison.Ordinal);
        if (weak)
        {
            position += 2;
        }

        opaque = string.Empty;
        if (position >= text.Length || text[position] != '"')
        {
            return false;
        }

        var end = text.IndexOf('"', position + 1);
        if (end < 0)
        {
            return false;
        }

        opaque = text[(position + 1)..end];
        if (opaque.Any(c => c is not ('\x21' or (>= '\x23' and <= '\x7E') or (>= '\x80' and <= '\xFF'))))
        {
            return false;
        }

        position = end + 1;
        return true;
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }
    }
}
