using System.Globalization;

namespace ModularShop.Plugins.Payments.TestCard;

/// <summary>
/// The card details a shopper entered, checked: the number (digits only), brand, last four and expiry. Never logged,
/// never stored; <see cref="ToString"/> shows brand and last four only.
/// </summary>
internal sealed record CardDetails(string Number, string Brand, string Last4)
{
    public const string CardNumberField = "cardNumber";
    public const string ExpiryField = "expiry";
    public const string CvcField = "cvc";

    /// <summary>Checks <paramref name="details"/>; <paramref name="error"/> names the wrong field and says why.</summary>
    public static CardDetails? Parse(IReadOnlyDictionary<string, string?> details, DateTimeOffset now, out (string Field, string Message)? error)
    {
        var number = Digits(Value(details, CardNumberField));
        if (number is null || number.Length is < 12 or > 19)
        {
            error = (CardNumberField, "Enter the card number: 12 to 19 digits (spaces and dashes are fine).");
            return null;
        }

        if (!PassesLuhn(number))
        {
            error = (CardNumberField, "This card number is not valid: check the digits.");
            return null;
        }

        if (!TryParseExpiry(Value(details, ExpiryField), out var year, out var month))
        {
            error = (ExpiryField, "Enter the expiry date as MM/YY or MM/YYYY.");
            return null;
        }

        var today = now.UtcDateTime;
        if (year < today.Year || (year == today.Year && month < today.Month))
        {
            error = (ExpiryField, "This card has expired.");
            return null;
        }

        var brand = BrandOf(number);
        var cvc = Value(details, CvcField)?.Trim();
        var cvcLength = brand == "Amex" ? 4 : 3;
        if (cvc is null || cvc.Length != cvcLength || !cvc.All(char.IsAsciiDigit))
        {
            error = (CvcField, $"Enter the {cvcLength}-digit security code.");
            return null;
        }

        error = null;
        return new CardDetails(number, brand, number[^4..]);
    }

    /// <summary>Visa for 4…, Mastercard for 51–55 and 2221–2720, Amex for 34/37, else a plain card.</summary>
    public static string BrandOf(string number)
    {
        if (number.StartsWith('4'))
        {
            return "Visa";
        }

        var two = int.Parse(number.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var four = int.Parse(number.AsSpan(0, 4), CultureInfo.InvariantCulture);
        if (two is >= 51 and <= 55 || four is >= 2221 and <= 2720)
        {
            return "Mastercard";
        }

        return two is 34 or 37 ? "Amex" : "Card";
    }

    /// <summary>The Luhn (mod 10) check every card number passes.</summary>
    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Brand and last four only: a card record never prints its number.</summary>
    public override string ToString() => $"{Brand} •••• {Last4}";

    private static string? Value(IReadOnlyDictionary<string, string?> details, string field) =>
        details.TryGetValue(field, out var value) ? value : null;

    private static string? Digits(string? text)
    {
        if (text is null || text.Length > 40)
        {
            return null;
        }

        var digits = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }

        return digits.ToString();
    }

    private static bool TryParseExpiry(string? text, out int year, out int month)
    {
        year = month = 0;
        var parts = text?.Trim().Split('/');
        if (parts is not { Length: 2 } || parts[0].Length is < 1 or > 2 || parts[1].Length is not (2 or 4)
            || !parts[0].All(char.IsAsciiDigit) || !parts[1].All(char.IsAsciiDigit))
        {
            return false;
        }

        month = int.Parse(parts[0], CultureInfo.InvariantCulture);
        year = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (parts[1].Length == 2)
        {
            year += 2000;
        }

        return month is >= 1 and <= 12;
    }
}
