using System.Globalization;

namespace ModularShop.Modules.Storefront.Components.Shared;

/// <summary>
/// A listing's query string as typed by anyone: read as text and parsed here, so <c>?minPrice=abc</c> is a 400 page
/// naming the field instead of a binding failure.
/// </summary>
internal sealed record ListingQuery(int? Page, decimal? MinPrice, decimal? MaxPrice, bool? InStock, string? Sort, string? Error)
{
    public static ListingQuery Parse(string? page, string? minPrice, string? maxPrice, string? inStock, string? sort)
    {
        var errors = new List<string>();
        int? p = null;
        if (!string.IsNullOrEmpty(page))
        {
            if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                p = n;
            }
            else
            {
                errors.Add("Page: must be a whole number.");
            }
        }

        var min = Money(minPrice, "Min price", errors);
        var max = Money(maxPrice, "Max price", errors);
        bool? stock = inStock switch
        {
            null or "" => null,
            "true" or "on" or "1" => true,
            "false" or "0" => false,
            _ => null,
        };
        return new ListingQuery(p, min, max, stock, string.IsNullOrWhiteSpace(sort) ? null : sort, errors.Count == 0 ? null : string.Join(" ", errors));
    }

    private static decimal? Money(string? text, string label, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 1_000_000_000m)
        {
            return value;
        }

        errors.Add($"{label}: must be an amount such as 19.99.");
        return null;
    }
}
