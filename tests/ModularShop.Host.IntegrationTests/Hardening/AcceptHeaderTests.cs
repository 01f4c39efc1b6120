using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.Hardening;

/// <summary>
/// Errors are problem details even for a client whose <c>Accept</c> leaves JSON out: the framework's writer declined
/// and answered an empty body or <c>text/plain</c> "Status Code: 404".
/// </summary>
public sealed class AcceptHeaderTests(ShopFactory shop) : IClassFixture<ShopFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?, HttpStatusCode> Errors => new()
    {
        { "GET", "/api/carts/not-a-guid", null, HttpStatusCode.NotFound },
        { "GET", "/api/no-such-route", null, HttpStatusCode.NotFound },
        { "GET", "/api/users/me", null, HttpStatusCode.Unauthorized },
        { "POST", "/api/users/login", "{", HttpStatusCode.BadRequest },
        { "POST", "/api/users/login", "{\"email\": \"\", \"password\": \"\"}", HttpStatusCode.BadRequest },
        { "DELETE", "/api/catalog/categories", null, HttpStatusCode.MethodNotAllowed },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task An_error_is_problem_json_when_accept_asks_for_xml_or_html(string method, string path, string? body, HttpStatusCode status)
    {
        foreach (var accept in new[] { "application/xml", "text/html", "image/png;q=0.5" })
        {
            using var client = shop.CreateAnonymousClient();
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            var response = await client.SendAsync(request, Ct);

            var problem = await response.ReadProblemAsync(status);
            problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson, $"Accept: {accept}");
            problem.Code.ShouldNotBeNullOrEmpty();
        }
    }
}
