using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace ModularShop.Modules.Payments.Features.Simulator;

/// <summary>The small HTML pages of the simulated bank: everything shown is HTML-encoded; a per-response CSP allows only the page's own style and its form post to itself.</summary>
internal static class BankPageHtml
{
    public static IResult Page(string title, string bodyHtml)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var html =
            $$"""
              <!DOCTYPE html>
              <html lang="en">
              <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="robots" content="noindex">
              <title>{{Encode(title)}}</title>
              <style nonce="{{nonce}}">
              body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1b1f24; margin: 0; }
              main { max-width: 28rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 0.75rem; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
              .test { background: #fff3cd; color: #5c4400; padding: 0.5rem 0.75rem; border-radius: 0.375rem; font-size: 0.9rem; }
              .amount { font-size: 1.75rem; font-weight: 700; margin: 1rem 0; }
              form { display: flex; gap: 1rem; margin-top: 1.5rem; }
              button { flex: 1; font-size: 1rem; padding: 0.75rem; border-radius: 0.375rem; border: 2px solid #1b1f24; cursor: pointer; }
              button[value="approve"] { background: #0b6b2e; border-color: #0b6b2e; color: #fff; }
              button[value="fail"] { background: #fff; color: #8a1020; border-color: #8a1020; }
              button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
              </style>
              </head>
              <body>
              <main>
              {{bodyHtml}}
              </main>
              </body>
              </html>
              """;
        return new HtmlResult(html, nonce);
    }

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    public static string Amount(decimal amount, string currency) =>
        amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + currency;

    private sealed class HtmlResult(string html, string nonce) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            return httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
