using System.Globalization;
using System.Text;

namespace ModularShop.Modules.Catalog.Domain;

/// <summary>URL slugs: lower-case ASCII letters and digits separated by single hyphens.</summary>
public static class Slug
{
    public const int MaxLength = 120;

    /// <summary>
    /// Derives a slug from a display name: accents are dropped (<c>Café Crème</c> → <c>cafe-creme</c>),
    /// every other run of non-alphanumerics becomes one hyphen. Returns <c>"item"</c> when nothing is left.
    /// </summary>
    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in Fold(text))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(c);
                if (builder.Length >= MaxLength)
                {
                    break;
                }
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var slug = builder.ToString().TrimEnd('-');
        return slug.Length == 0 ? "item" : slug;
    }

    private static IEnumerable<char> Fold(string text)
    {
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            switch (c)
            {
                case 'ß':
                    yield return 's';
                    yield return 's';
                    break;
                case 'æ' or 'Æ':
                    yield return 'a';
                    yield return 'e';
                    break;
                case 'ø' or 'Ø':
                    yield return 'o';
                    break;
                case '&':
                    yield return ' ';
                    yield return 'a';
                    yield return 'n';
                    yield return 'd';
                    yield return ' ';
                    break;
                default:
                    yield return char.ToLowerInvariant(c);
                    break;
            }
        }
    }
}
