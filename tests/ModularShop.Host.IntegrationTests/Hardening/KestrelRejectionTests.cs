using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.Hardening;

/// <summary>
/// Raw HTTP/1.1 requests to the host on real Kestrel: what the application shapes as problem details, and what the
/// server answers itself before the application runs (docs/security.md lists those).
/// </summary>
public sealed class KestrelRejectionTests(KestrelShopFactory shop) : IClassFixture<KestrelShopFactory>
{
    private const string Products = "/api/catalog/products";

    [Fact]
    public async Task A_URL_over_the_applications_limit_is_414_problem_details()
    {
        var answer = await SendAsync($"GET {Products}?q={new string('a', 9_000)} HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n");

        answer.Status.ShouldBe(414);
        answer.ShouldBeProblem("request.uri_too_long");
    }

    [Fact]
    public async Task A_URL_just_under_the_limit_reaches_the_endpoint()
    {
        var answer = await SendAsync($"GET {Products}?page=1&x={new string('a', 8_000)} HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n");

        answer.Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_URL_over_the_servers_own_limit_is_answered_by_the_server_with_an_empty_414()
    {
        var answer = await SendAsync($"GET {Products}?q={new string('a', 20_000)} HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n");

        answer.Status.ShouldBe(414);
        answer.Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task Headers_over_the_applications_size_limit_are_431_problem_details()
    {
        var answer = await SendAsync($"GET {Products} HTTP/1.1\r\nHost: shop\r\nX-Padding: {new string('a', 40_000)}\r\nConnection: close\r\n\r\n");

        answer.Status.ShouldBe(431);
        answer.ShouldBeProblem("request.headers_too_large");
    }

    [Fact]
    public async Task More_headers_than_the_application_allows_are_431_problem_details()
    {
        var headers = string.Concat(Enumerable.Range(0, 120).Select(i => $"X-Header-{i}: {i}\r\n"));
        var answer = await SendAsync($"GET {Products} HTTP/1.1\r\nHost: shop\r\n{headers}Connection: close\r\n\r\n");

        answer.Status.ShouldBe(431);
        answer.ShouldBeProblem("request.headers_too_large");
    }

    [Fact]
    public async Task Headers_over_the_servers_own_limit_are_answered_by_the_server_with_an_empty_431()
    {
        var answer = await SendAsync($"GET {Products} HTTP/1.1\r\nHost: shop\r\nX-Padding: {new string('a', 70_000)}\r\nConnection: close\r\n\r\n");

        answer.Status.ShouldBe(431);
        answer.Body.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("GET /api/catalog/products/ab%00cd HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n")]
    [InlineData("GET /api/catalog/products HTTP/1.1\r\nHost: shop\r\nX-Test: a\0b\r\nConnection: close\r\n\r\n")]
    [InlineData("GET  /api/catalog/products HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n")]
    [InlineData("GET /api/catalog/products HTTP/1.1\r\nConnection: close\r\n\r\n")]
    [InlineData("GET /api/catalog/products HTTP/1.1\r\nHost: shop\r\nNo colon here\r\nConnection: close\r\n\r\n")]
    [InlineData("GET /api/catalog/products HTTP/1.1\r\nHost: shop\r\nX-Test: a\rb\r\nConnection: close\r\n\r\n")]
    [InlineData("G@T /api/catalog/products HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n")]
    [InlineData("POST /api/users/register HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n")]
    public async Task A_NUL_in_the_path_or_a_header_and_a_malformed_request_are_answered_by_the_server_with_an_empty_400(string request)
    {
        var answer = await SendAsync(request);

        answer.Status.ShouldBe(400);
        answer.Body.ShouldBeEmpty();
        answer.Headers.ShouldContain("Connection: close", Case.Insensitive);
    }

    [Theory]
    [InlineData("GET api HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n", 405)]
    [InlineData("GET /api/catalog/products HTTP/1.2\r\nHost: shop\r\nConnection: close\r\n\r\n", 505)]
    public async Task Other_malformed_requests_are_answered_by_the_server_with_an_empty_body(string request, int status)
    {
        var answer = await SendAsync(request);

        answer.Status.ShouldBe(status);
        answer.Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_NUL_in_the_query_reaches_the_application_and_is_400_problem_details()
    {
        var answer = await SendAsync($"GET {Products}?q=ab%00cd HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n");

        answer.Status.ShouldBe(400);
        answer.ShouldBeProblem("validation");
    }

    [Fact]
    public async Task Answers_do_not_name_the_server_software_and_carry_the_security_headers()
    {
        var answer = await SendAsync($"GET {Products} HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n");

        answer.Status.ShouldBe(200);
        answer.Headers.ShouldNotContain("Server:", Case.Insensitive);
        answer.Headers.ShouldContain("X-Content-Type-Options: nosniff", Case.Insensitive);
    }

    private async Task<RawAnswer> SendAsync(string request)
    {
        var server = shop.CreateAnonymousClient().BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), TestContext.Current.CancellationToken);

        // Every request says Connection: close, and the server closes after a rejection: read to the end.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, timeout.Token);
        }
        catch (IOException)
        {
            // The server may reset the connection after answering a request it did not read to the end.
        }

        return RawAnswer.Parse(Encoding.Latin1.GetString(buffer.ToArray()));
    }

    private sealed record RawAnswer(int Status, string Headers, string Body)
    {
        public static RawAnswer Parse(string text)
        {
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            split.ShouldBeGreaterThan(0, $"no complete answer: {text}");
            var headers = text[..split];
            var body = text[(split + 4)..];
            if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = Unchunk(body);
            }

            return new RawAnswer(int.Parse(headers.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, body);
        }

        public void ShouldBeProblem(string code)
        {
            Headers.ShouldContain("Content-Type: application/problem+json", Case.Insensitive);
            using var json = JsonDocument.Parse(Body);
            json.RootElement.GetProperty("status").GetInt32().ShouldBe(Status);
            json.RootElement.GetProperty("code").GetString().ShouldBe(code);
            Headers.ShouldContain("X-Content-Type-Options: nosniff", Case.Insensitive);
        }

        private static string Unchunk(string chunked)
        {
            var result = new StringBuilder();
            var position = 0;
            while (true)
            {
                var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
                var size = Convert.ToInt32(chunked[position..lineEnd], 16);
                if (size == 0)
                {
                    return result.ToString();
                }

                result.Append(chunked, lineEnd + 2, size);
                position = lineEnd + 2 + size + 2;
            }
        }
    }
}
