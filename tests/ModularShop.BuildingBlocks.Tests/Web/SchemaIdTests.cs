using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Web.OpenApi;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Web;

/// <summary>Two CLR types that would get the same readable schema id stop document generation, naming both.</summary>
public sealed class SchemaIdTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_types_with_the_same_readable_id_stop_the_document_instead_of_being_numbered()
    {
        var (status, body) = await DocumentOfAsync(app =>
        {
            app.MapGet("/first", () => new FirstFeature.Widget.Response(1));
            app.MapGet("/second", () => new SecondFeature.Widget.Response("a"));
        });

        status.ShouldBe(HttpStatusCode.InternalServerError);
        body.ShouldContain("'WidgetResponse'");
        body.ShouldContain(typeof(FirstFeature.Widget.Response).FullName!);
        body.ShouldContain(typeof(SecondFeature.Widget.Response).FullName!);
    }

    [Fact]
    public async Task Distinct_types_get_readable_ids()
    {
        var (status, body) = await DocumentOfAsync(app =>
        {
            app.MapGet("/first", () => new FirstFeature.Widget.Response(1));
            app.MapGet("/page", () => new Page<FirstFeature.Widget.Response>([], 1));
        });

        status.ShouldBe(HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        var ids = document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name);
        // Nested: declaring type + name; generic: Of + arguments; the list and the int stay inline.
        ids.ShouldBe(new[] { "SchemaIdTestsPageOfWidgetResponse", "WidgetResponse" }, ignoreOrder: true);
    }

    /// <summary>The OpenAPI document of a bare host with <see cref="ApiDocs.AddShopOpenApi"/> (or the exception it threw).</summary>
    private static async Task<(HttpStatusCode Status, string Body)> DocumentOfAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddShopOpenApi();
        await using var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (InvalidOperationException e)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync(e.Message);
            }
        });
        map(app);
        app.MapShopApiDocs();
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        await app.StopAsync(Ct);
        return (response.StatusCode, body);
    }

    internal sealed record Page<T>(IReadOnlyList<T> Items, int Number);

    internal static class FirstFeature
    {
        internal static class Widget
        {
            internal sealed record Response(int Id);
        }
    }

    internal static class SecondFeature
    {
        internal static class Widget
        {
            internal sealed record Response(string Name);
        }
    }
}
