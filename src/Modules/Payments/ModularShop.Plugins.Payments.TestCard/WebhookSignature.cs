using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModularShop.Plugins.Payments.TestCard;

/// <summary>
/// Stripe's webhook signature scheme: header <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c> where
/// <c>v1 = lowercase hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")</c>.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>Headers longer than this are not parsed (a real one with a few signatures is far shorter).</summary>
    public const int MaxHeaderLength = 4096;

    /// <summary>Signing only: a v1 value for <paramref name="secret"/>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(Mac(secret, timestamp, body));

    /// <summary>A header carrying one v1 per secret.</summary>
    public static string Header(long timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var header = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Sign(secret, timestamp, body));
        }

        return header.ToString();
    }

    /// <summary>Reads the timestamp and the v1 signatures (as bytes) out of a header; false when it is garbled.</summary>
    public static bool TryParse(string? header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return false;
        }

        var hasTimestamp = false;
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (key == "t")
            {
                if (hasTimestamp || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
                {
                    return false;
                }

                hasTimestamp = true;
            }
            else if (key == "v1")
            {
                if (value.Length != 64)
                {
                    continue; // not an HMAC-SHA256: cannot match, but another v1 may
                }

                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                    // not hex: ignored like an unknown scheme
                }
            }

            // Other schemes (v0, …) are ignored, as Stripe does.
        }

        return hasTimestamp && signatures.Count > 0;
    }

    /// <summary>Whether any of <paramref name="signatures"/> is the MAC of any of <paramref name="secrets"/> (constant-time compares).</summary>
    public static bool Matches(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> signatures)
    {
        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = Mac(secret, timestamp, body);
            foreach (var signature in signatures)
            {
                // No early exit: every pair is compared, each in constant time.
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return matched;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
    }
}
