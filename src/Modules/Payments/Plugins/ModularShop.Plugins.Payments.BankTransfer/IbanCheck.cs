using System.Numerics;

namespace ModularShop.Plugins.Payments.BankTransfer;

/// <summary>ISO 13616 check: two letters, two check digits, up to 30 letters and digits; mod 97 of the rearranged number is 1.</summary>
internal static class IbanCheck
{
    public static bool IsValid(string iban)
    {
        var compact = Normalize(iban);
        if (compact.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]) || !compact.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        var rearranged = compact[4..] + compact[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 == 1;
    }

    public static string Normalize(string iban) => iban.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>Groups of four, as printed on statements.</summary>
    public static string Format(string iban) => string.Join(' ', Normalize(iban).Chunk(4).Select(c => new string(c)));
}
