using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModularShop.Plugins.Payments.HostedPage;

/// <summary>
/// The provider's own scheme (not the test card's Stripe-style one): <c>HostedPage-Timestamp: &lt;unix seconds&gt;</c> and
/// <c>HostedPage-Signature: sha512=&lt;base64&gt;[,sha512=&lt;base64&gt;…]</c>, each value
/// <c>base64(HMAC-SHA512(secret, "&lt;timestamp&gt;\n&lt;raw body&gt;"))</c>; several values while secrets rotate.
/// </summary>
internal static class HostedPageSignature
{
    public const string TimestampHeader = "HostedPage-Timestamp";
    public const string SignatureHeader = "HostedPage-Signature";
    private const string Scheme = "sha512=";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Payload(timestamp, body)));

    public static string Header(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> body)
    {
        var values = new List<string>();
        foreach (var secret in secrets)
        {
            values.Add(Scheme + Sign(secret, timestamp, body));
        }

        return string.Join(',', values);
    }

    public static bool TryParseTimestamp(string? header, out long timestamp) =>
        long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);

    public static IReadOnlyList<byte[]> ParseSignatures(string? header)
    {
        var signatures = new List<byte[]>();
        foreach (var part in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(Scheme, StringComparison.Ordinal))
            {
                var buffer = new byte[64];
                if (Convert.TryFromBase64String(part[Scheme.Length..], buffer, out var written) && written == 64)
                {
                    signatures.Add(buffer);
                }
            }
        }

        return signatures;
    }

    public static bool Matches(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> signatures)
    {
        var payload = Payload(timestamp, body);
        foreach (var secret in secrets)
        {
            var expected = HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), payload);
            if (signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Payload(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "\n");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return payload;
    }
}
