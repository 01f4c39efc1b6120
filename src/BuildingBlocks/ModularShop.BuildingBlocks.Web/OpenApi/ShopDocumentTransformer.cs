using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>
/// Title, introduction (<c>ApiIntroduction.md</c>: authentication, errors, idempotency, paging, where to start),
/// contact, the bearer scheme, and server URLs without a trailing slash (Spectral's <c>oas3-server-trailing-slash</c>).
/// The contact is configurable (<c>OpenApi:Contact:Name|Url|Email</c>); by default it is the shop's own API reference.
/// </summary>
internal sealed class ShopDocumentTransformer(IConfiguration configuration) : IOpenApiDocumentTransformer
{
    public const string Title = "ModularShop API";

    public const string BearerScheme = "Bearer";

    private static readonly string Introduction = ReadIntroduction();

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        var contact = configuration.GetSection("OpenApi:Contact");
        var server0 = document.Servers?.FirstOrDefault()?.Url;
        var contactUrl = contact["Url"] ?? (server0 is not null && Uri.IsWellFormedUriString(server0, UriKind.Absolute) ? $"{server0}{ApiDocs.DocsPath}" : null);
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = context.DocumentName,
            Description = Introduction,
            Contact = new OpenApiContact
            {
                Name = contact["Name"] ?? "ModularShop maintainers",
                Url = contactUrl is null ? null : new Uri(contactUrl, UriKind.Absolute),
                Email = contact["Email"],
            },
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The `accessToken` of `POST /api/users/login` (or `/api/users/refresh`).",
        };
        return Task.CompletedTask;
    }

    private static string ReadIntroduction()
    {
        var assembly = typeof(ShopDocumentTransformer).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("ApiIntroduction.md", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    }
}
