namespace ModularShop.Payments.Abstractions;

/// <summary>Money as the provider sees it: an amount in major units (<c>19.99</c>) with at most two decimals, and an
/// ISO 4217 currency code (<c>USD</c>).</summary>
public readonly record struct PaymentAmount(decimal Amount, string Currency)
{
    /// <summary>The amount in minor units (cents), as most processors want it.</summary>
    public long MinorUnits => (long)decimal.Round(Amount * 100m, 0, MidpointRounding.AwayFromZero);

    /// <summary><c>19.99 USD</c>.</summary>
    public override string ToString() => Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " " + Currency;
}
