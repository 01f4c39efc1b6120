using System.Globalization;

namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>
/// An amount of money in one currency (ISO 4217 code), exact to the cent: every <see cref="Money"/> has at most
/// <see cref="Decimals"/> decimal places, so sums and products by whole quantities are exact.
/// <para>
/// The rounding rule (docs/decisions/0004-money.md): whatever is derived from a rate (tax, a discount, a share) is
/// rounded to the cent, half away from zero, <b>per line</b> (<see cref="ApplyRate"/>); a total is the sum of the
/// already rounded lines (<see cref="Sum"/>), never the rounding of an unrounded sum. So the lines a shopper sees
/// always add up to the total they pay, and the quote and the order agree to the cent.
/// </para>
/// Mixing currencies is a programming error and throws.
/// </summary>
public sealed record Money : IComparable<Money>
{
    /// <summary>Decimal places of every amount (the API's "at most 2 decimals").</summary>
    public const int Decimals = 2;

    /// <summary>
    /// The largest amount a <c>numeric(12,2)</c> column holds: the limit for amounts that are stored (prices, order
    /// totals). Computed amounts (a cart's subtotal) may exceed it; whoever stores one checks it.
    /// </summary>
    public const decimal MaxAmount = 9_999_999_999.99m;

    private Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    /// <summary>ISO 4217 code in upper case, e.g. <c>USD</c>.</summary>
    public string Currency { get; }

    public bool IsZero => Amount == 0;

    public bool IsNegative => Amount < 0;

    /// <summary>An exact amount; throws when it has more than two decimal places or the currency is not an ISO code.</summary>
    public static Money Of(decimal amount, string currency)
    {
        if (!IsExact(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Money has at most {Decimals} decimal places; round it with Money.Round.");
        }

        return new Money(amount, CheckCurrency(currency));
    }

    /// <summary>An amount rounded to the cent, half away from zero (0.005 → 0.01, −0.005 → −0.01).</summary>
    public static Money Round(decimal amount, string currency) => Of(RoundAmount(amount), currency);

    public static Money Zero(string currency) => new(0m, CheckCurrency(currency));

    /// <summary>Whether <paramref name="amount"/> can be a <see cref="Money"/> as it is (at most two decimals).</summary>
    public static bool IsExact(decimal amount) => decimal.Round(amount, Decimals) == amount;

    /// <summary>Whether the amount fits a <c>numeric(12,2)</c> column (<see cref="MaxAmount"/>).</summary>
    public bool IsStorable => Math.Abs(Amount) <= MaxAmount;

    /// <summary>Rounds to the cent, half away from zero: the one rounding rule of the shop.</summary>
    public static decimal RoundAmount(decimal amount) => decimal.Round(amount, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The price of <paramref name="quantity"/> units (exact: cents times a whole number).</summary>
    public Money Times(int quantity) => Of(Amount * quantity, Currency);

    /// <summary>A share of this amount (a tax rate of 0.0825, a discount of 0.1), rounded to the cent: use per line, then <see cref="Sum"/>.</summary>
    public Money ApplyRate(decimal rate) => Round(Amount * rate, Currency);

    /// <summary>The sum of already rounded amounts (exact). An empty sequence is zero.</summary>
    public static Money Sum(IEnumerable<Money> amounts, string currency)
    {
        var total = Zero(currency);
        foreach (var amount in amounts)
        {
            total += amount;
        }

        return total;
    }

    public static Money operator +(Money left, Money right) => Of(left.Amount + right.SameCurrency(left).Amount, left.Currency);

    public static Money operator -(Money left, Money right) => Of(left.Amount - right.SameCurrency(left).Amount, left.Currency);

    public static Money operator -(Money value) => new(-value.Amount, value.Currency);

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public int CompareTo(Money? other) => other is null ? 1 : Amount.CompareTo(other.SameCurrency(this).Amount);

    /// <summary>Equal amounts in the same currency (19.9 equals 19.90).</summary>
    public bool Equals(Money? other) => other is not null && Amount == other.Amount && Currency == other.Currency;

    public override int GetHashCode() => HashCode.Combine(Amount, Currency);

    /// <summary><c>19.90 USD</c>.</summary>
    public override string ToString() => $"{Amount.ToString("0.00", CultureInfo.InvariantCulture)} {Currency}";

    private Money SameCurrency(Money other) =>
        Currency == other.Currency
            ? this
            : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}: an amount in another currency needs an explicit conversion.");

    private static string CheckCurrency(string currency) =>
        currency is { Length: 3 } && currency.All(c => c is >= 'A' and <= 'Z')
            ? currency
            : throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code (three upper-case letters).", nameof(currency));
}
