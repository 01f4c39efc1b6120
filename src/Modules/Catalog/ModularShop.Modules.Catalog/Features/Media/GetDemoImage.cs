using System.Globalization;
using System.Net;
using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ModularShop.Modules.Catalog.Features.Media;

/// <summary>
/// Placeholder product pictures for the demo catalog, drawn by the host itself (an SVG per key), so the
/// demo needs no external image host.
/// </summary>
public static class GetDemoImage
{
    public const string RoutePrefix = "/media/catalog/demo/";

    public static string UrlFor(string key, string label) =>
        $"{RoutePrefix}{key}.svg?label={Uri.EscapeDataString(label)}";

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet(RoutePrefix + "{key:regex(^[a-z0-9-]{{1,120}}$)}.svg", (string key, string? label, HttpResponse response) =>
                {
                    response.Headers.CacheControl = "public, max-age=86400, immutable";
                    return Results.Text(Render(key, label ?? key), "image/svg+xml; charset=utf-8");
                })
                .WithName("Catalog.GetDemoImage")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Demo product image")
                .WithDescription("An SVG placeholder picture used by the demo catalog (`Seed:Demo=true`).")
                .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
    }

    internal static string Render(string key, string label)
    {
        var hue = (int)((uint)StableHash(key) % 360);
        var text = WebUtility.HtmlEncode(label.Length > 28 ? label[..28] + "…" : label);
        var h = hue.ToString(CultureInfo.InvariantCulture);
        var h2 = ((hue + 40) % 360).ToString(CultureInfo.InvariantCulture);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img" aria-label="{text}">
              <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
                <stop offset="0" stop-color="hsl({h},70%,62%)"/><stop offset="1" stop-color="hsl({h2},70%,42%)"/>
              </linearGradient></defs>
              <rect width="800" height="800" fill="url(#g)"/>
              <circle cx="400" cy="340" r="170" fill="rgba(255,255,255,0.22)"/>
              <text x="400" y="650" font-family="system-ui,sans-serif" font-size="46" fill="#fff" text-anchor="middle">{text}</text>
            </svg>
            """;
    }

    private static int StableHash(string value)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in value)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
