using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Web.Http;
using Scalar.AspNetCore;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and the API reference page (<c>/docs</c>), decision 0008.</summary>
public static class ApiDocs
{
    public const string DocsPath = "/docs";

    public const string DocumentPath = "/openapi/{documentName}.json";

    public const string PageTitle = "ModularShop API reference";

    /// <summary>
    /// The OpenAPI document: readable schema ids, <c>required</c> and limits from the validators, the introduction,
    /// security schemes and the <c>Idempotency-Key</c> header.
    /// </summary>
    public static IServiceCollection AddShopOpenApi(this IServiceCollection services)
    {
        services.AddSingleton<ValidationRuleIndex>();
        var schemaIds = new SchemaIds();
        return services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = schemaIds.Create;
            options.AddDocumentTransformer<ShopDocumentTransformer>();
            options.AddSchemaTransformer<ValidationSchemaTransformer>();
            options.AddOperationTransformer<ValidationParameterTransformer>();
            options.AddOperationTransformer<SecurityRequirementTransformer>();
            options.AddIdempotencyKeyHeader();
        });
    }

    /// <summary>
    /// <c>/openapi/v1.json</c> and <c>/docs</c>: Scalar from the host's own files, nothing that leaves the shop (no
    /// agent, MCP, developer tools with deploy/SDK buttons, client button, telemetry or CDN fonts), a per-request
    /// script nonce instead of <c>'unsafe-inline'</c> scripts, and a CSP that allows no other origin at all.
    /// </summary>
    public static IEndpointRouteBuilder MapShopApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(DocsPath, static (options, http) =>
        {
            // Hex: nothing in it is HTML-encoded in the attribute (a "+" of base64 would be).
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            options.WithTitle(PageTitle)
                .WithNonce(nonce)
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .DisableTelemetry()
                .DisableDefaultFonts();
            options.HideClientButton = true;
            options.ProxyUrl = null;

            // On the response itself: the host's default API policy is added only where none is set.
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            headers.XFrameOptions = "DENY";
        });
        return app;
    }

    /// <summary>Only this origin; scripts only the host's files and the one inline module carrying the nonce.</summary>
    internal static string ContentSecurityPolicy(string nonce) =>
        "default-src 'none'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        // The reference sets style attributes and injects <style> elements at run time: no nonce can cover those.
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "worker-src 'self' blob:; " +
        "manifest-src 'self'; " +
        "base-uri 'none'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'; " +
        "object-src 'none'";
}
