using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.Hardening;

/// <summary>
/// What a JSON endpoint does with the media type and charset of a body: UTF-8 JSON in its common spellings is read,
/// anything else is a 415 problem — never a 500 (the framework throws on a charset it does not know).
/// </summary>
public sealed class JsonBodyTests(ShopFactory shop) : IClassFixture<ShopFactory>
{
    private const string Categories = "/api/admin/catalog/categories";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json;charset=\"UTF8\"")]
    [InlineData("Application/JSON; Charset=utf-8")]
    public async Task A_UTF8_JSON_body_is_read_whatever_the_spelling_of_its_charset(string contentType)
    {
        using var admin = shop.CreateAdminClient();
        var name = $"Charset {Guid.NewGuid():N} Grüße";

        var response = await admin.SendAsync(Post(Categories, $"{{\"name\":\"{name}\"}}", contentType), Ct);

        (await response.ReadJsonElementAsync(HttpStatusCode.Created)).GetProperty("name").GetString().ShouldBe(name);
    }

    [Theory]
    [InlineData("application/json; charset=windows-1252")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/json; charset=klingon")]
    public async Task A_JSON_body_in_another_charset_is_415_problem_details(string contentType)
    {
        using var admin = shop.CreateAdminClient();

        var response = await admin.SendAsync(Post(Categories, "{\"name\":\"Charset refused\"}", contentType), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Code.ShouldBe("request.unsupported_media_type");
        problem.Detail.ShouldNotBeNull().ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=xyz")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task A_body_that_is_not_JSON_is_415_problem_details_with_a_code(string? contentType)
    {
        using var admin = shop.CreateAdminClient();

        var response = await admin.SendAsync(Post(Categories, "{\"name\":\"Not JSON\"}", contentType), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Code.ShouldBe("request.unsupported_media_type");
        problem.Title.ShouldBe("Unsupported media type.");
        problem.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    /// <summary>The fuzzer's finding, for every operation the OpenAPI document lists with a body.</summary>
    [Fact]
    public async Task No_operation_with_a_body_answers_500_for_an_unknown_or_misspelt_charset()
    {
        using var admin = shop.CreateAdminClient();
        using var document = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Value.ValueKind == JsonValueKind.Object && op.Value.TryGetProperty("requestBody", out _))
                .Select(op => (Method: op.Name.ToUpperInvariant(), Path: System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", Guid.NewGuid().ToString()))))
            .ToList();
        operations.Count.ShouldBeGreaterThan(10);

        var failures = new List<string>();
        foreach (var (method, path) in operations)
        {
            foreach (var charset in new[] { "utf8", "\"utf-8\"", "windows-1252", "" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body("{}", $"application/json; charset={charset}") };
                var response = await admin.SendAsync(request, Ct);
                var status = (int)response.StatusCode;
                var utf8 = charset is "utf8" or "\"utf-8\"";
                if (status >= 500 || (utf8 && status == 415) || (!utf8 && status != 415))
                {
                    failures.Add($"{method} {path} charset={charset}: {status} {await response.Content.ReadAsStringAsync(Ct)}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_with_a_body_documents_the_415_problem_answer()
    {
        using var client = shop.CreateAnonymousClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Value.ValueKind == JsonValueKind.Object && op.Value.TryGetProperty("requestBody", out _))
                .Select(op => (Route: $"{op.Name.ToUpperInvariant()} {path.Name}", Responses: op.Value.GetProperty("responses"))))
            .ToList();

        operations.ShouldNotBeEmpty();
        foreach (var (route, responses) in operations)
        {
            responses.TryGetProperty("415", out var unsupported).ShouldBeTrue($"{route} does not document 415");
            unsupported.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue($"{route}: 415 is not problem details");
        }
    }

    private static HttpRequestMessage Post(string path, string json, string? contentType) =>
        new(HttpMethod.Post, path) { Content = Body(json, contentType) };

    private static ByteArrayContent Body(string json, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }
}
