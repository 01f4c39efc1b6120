using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ModularShop.Modules.Storefront.Theme;

/// <summary>
/// What every page's head carries inline, and the Content-Security-Policy that allows exactly that:
/// <list type="bullet">
/// <item>the shop's stylesheet (<c>Theme/shop.css</c>, embedded): small, so the first paint needs no second request;
/// theming is editing that file (its custom properties at the top);</item>
/// <item>the icon (<c>Theme/favicon.svg</c>) as a <c>data:</c> URI: no request of its own;</item>
/// <item>the loader of the client script (<see cref="ClientLoader"/>), which fetches it after the first paint.</item>
/// </list>
/// The inline stylesheet and the loader are allowed by their SHA-256 — never <c>'unsafe-inline'</c>: a script or style
/// that text from the catalog might smuggle into a page does not run.
/// </summary>
internal static class ShopTheme
{
    public static string Css { get; } = Load("shop.css").ReplaceLineEndings("\n");

    /// <summary>The CSP source for <see cref="Css"/>: <c>'sha256-…'</c>.</summary>
    public static string CssHashSource { get; } = HashSource(Css);

    /// <summary>The icon, as a <c>data:</c> URI.</summary>
    public static string FaviconDataUri { get; } = "data:image/svg+xml," + Uri.EscapeDataString(Load("favicon.svg").Trim());

    // One per script URL: the fingerprinted one on every page a route answers, the plain one on pages rendered outside
    // routing (the 404 for an unknown address), where the asset collection is not at hand.
    private static readonly ConcurrentDictionary<string, ClientLoader> Loaders = new(StringComparer.Ordinal);

    /// <summary>The loader of the client script at <paramref name="scriptUrl"/>, with its CSP (made once per URL).</summary>
    public static ClientLoader LoaderFor(string scriptUrl) => Loaders.GetOrAdd(scriptUrl, url => new ClientLoader(url));

    /// <summary>The storefront pages' Content-Security-Policy: this origin only; inline only the stylesheet and the loader, by hash.</summary>
    internal static string ContentSecurityPolicy(string loaderHashSource) =>
        "default-src 'self'; " +
        $"script-src 'self' {loaderHashSource}; " +
        $"style-src 'self' {CssHashSource}; " +
        // Product images may live on a CDN (Catalog accepts https URLs).
        "img-src 'self' data: https:; " +
        "connect-src 'self'; " +
        // A form post may be answered with a redirect to a payment provider's page (3-D Secure, hosted payment pages).
        "form-action 'self' https:; " +
        "frame-ancestors 'none'; " +
        "base-uri 'none'; " +
        "object-src 'none'";

    internal static string HashSource(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";

    private static string Load(string name)
    {
        using var stream = typeof(ShopTheme).Assembly.GetManifestResourceStream($"ModularShop.Modules.Storefront.Theme.{name}")
            ?? throw new InvalidOperationException($"The embedded theme file '{name}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>
/// The few bytes of inline script that load the client script once the page has painted what the shopper sees: after
/// the window's <c>load</c> event, the decoding of the images in the viewport and two frames — or after 2.5 s, whatever
/// is still loading by then. The page works without the script (every form posts), so the largest paint — the hero,
/// the first product picture, the heading — gets the network and the main thread to itself, and the enhancements
/// (badge, optimistic cart, variant picker, live quote) arrive a moment later. The script marks
/// <c>&lt;html data-shop="ready"&gt;</c> once they are wired.
/// </summary>
internal sealed class ClientLoader
{
    public ClientLoader(string scriptUrl)
    {
        ScriptUrl = scriptUrl;
        Script = "(()=>{let s=0;const go=()=>{if(!s++)import(" + JsonSerializer.Serialize(scriptUrl) + ")};" +
            "addEventListener(\"load\",()=>Promise.all([...document.images]" +
            ".filter(i=>{const r=i.getBoundingClientRect();return r.top<innerHeight&&r.bottom>0})" +
            ".map(i=>i.decode().catch(()=>0)))" +
            ".then(()=>requestAnimationFrame(()=>requestAnimationFrame(()=>setTimeout(go)))));" +
            "setTimeout(go,2500)})()";
        ContentSecurityPolicy = ShopTheme.ContentSecurityPolicy(ShopTheme.HashSource(Script));
    }

    public string ScriptUrl { get; }

    /// <summary>The inline script's exact text (its hash is in <see cref="ContentSecurityPolicy"/>).</summary>
    public string Script { get; }

    public string ContentSecurityPolicy { get; }
}
