using System.Security.Cryptography;
using System.Text;

namespace ModularShop.Modules.Storefront.Theme;

/// <summary>
/// The shop's stylesheet (<c>Theme/shop.css</c>, embedded), inlined into every page's head: it is small, so the first
/// paint needs no second request; the page's CSP allows exactly this text by its SHA-256, not <c>'unsafe-inline'</c>.
/// Theming is editing that file (its custom properties at the top).
/// </summary>
internal static class ShopTheme
{
    public static string Css { get; } = Load();

    /// <summary>The CSP source for <see cref="Css"/>: <c>'sha256-…'</c>.</summary>
    public static string CssHashSource { get; } = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'";

    /// <summary>The storefront pages' Content-Security-Policy: this origin only, no inline script, the one inline style.</summary>
    public static string ContentSecurityPolicy { get; } =
        "default-src 'self'; " +
        "script-src 'self'; " +
        $"style-src 'self' {CssHashSource}; " +
        // Product images may live on a CDN (Catalog accepts https URLs).
        "img-src 'self' data: https:; " +
        "connect-src 'self'; " +
        // A form post may be answered with a redirect to a payment provider's page (3-D Secure, hosted payment pages).
        "form-action 'self' https:; " +
        "frame-ancestors 'none'; " +
        "base-uri 'none'; " +
        "object-src 'none'";

    private static string Load()
    {
        using var stream = typeof(ShopTheme).Assembly.GetManifestResourceStream("ModularShop.Modules.Storefront.Theme.shop.css")
            ?? throw new InvalidOperationException("The embedded stylesheet is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
