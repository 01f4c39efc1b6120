using System.Globalization;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Storefront.Components.Shared;

/// <summary>How the pages write money and counts.</summary>
internal static class Format
{
    public static string Money(Money money) => Money(money.Amount, money.Currency);

    public static string Money(decimal amount, string currency) => currency switch
    {
        "USD" => "$" + amount.ToString("#,0.00", CultureInfo.InvariantCulture),
        "EUR" => "€" + amount.ToString("#,0.00", CultureInfo.InvariantCulture),
        "GBP" => "£" + amount.ToString("#,0.00", CultureInfo.InvariantCulture),
        _ => amount.ToString("#,0.00", CultureInfo.InvariantCulture) + " " + currency,
    };

    /// <summary>Below this, pages say how many are left (and listings must follow every change).</summary>
    public const int LowStock = 5;

    public static string Stock(int stock) => stock switch
    {
        <= 0 => "Sold out",
        < LowStock => $"Only {stock.ToString(CultureInfo.InvariantCulture)} left",
        _ => "In stock",
    };

    /// <summary>Meta descriptions: the first sentence-ish 155 characters, whitespace collapsed.</summary>
    public static string Summary(string text, int max = 155)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= max ? collapsed : collapsed[..(max - 1)].TrimEnd() + "…";
    }
}
