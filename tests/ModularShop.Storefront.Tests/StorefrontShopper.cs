using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Storefront.Tests;

/// <summary>
/// A browser as the storefront sees one, without JavaScript: HTTPS (the session cookies are Secure), cookies kept,
/// redirects not followed (so a test sees them), and the <c>Sec-Fetch-Site: same-origin</c> header every modern browser
/// sends with the shop's own forms.
/// </summary>
public sealed class StorefrontShopper
{
    private static readonly HtmlParser Parser = new();

    public StorefrontShopper(ShopFactory factory, bool sameOrigin = true)
    {
        Http = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        if (sameOrigin)
        {
            Http.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        }
    }

    public HttpClient Http { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GETs a page, checks its status, parses it.</summary>
    public async Task<IHtmlDocument> PageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, $"GET {path}: {html[..Math.Min(html.Length, 400)]}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        return await Parser.ParseDocumentAsync(html, Ct);
    }

    /// <summary>Submits a form of <paramref name="page"/> as a browser would: its hidden fields plus <paramref name="fields"/>.</summary>
    public Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, IReadOnlyDictionary<string, string> fields, string pagePath)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector).ShouldNotBeNull($"no form {formSelector}");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action");
        return Http.PostAsync(string.IsNullOrEmpty(action) ? pagePath : action, new FormUrlEncodedContent(values), Ct);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        Http.PostAsync(path, new FormUrlEncodedContent(fields), Ct);

    /// <summary>The storefront's JSON cart endpoint (what the client script calls).</summary>
    public async Task<JsonObject> CartAsync() =>
        await (await Http.GetAsync("/shop/api/cart", Ct)).ReadJsonAsync<JsonObject>();

    public Task<HttpResponseMessage> AddAsync(Guid productId, int quantity, Guid? variantId = null) =>
        Http.PostAsJsonAsync("/shop/api/cart/items", new { productId, variantId, quantity }, Ct);

    /// <summary>Signs in through the sign-in page's form (antiforgery token and all), expects the redirect and answers the session cookie.</summary>
    public async Task<string> SignInAsync(string email, string password, string returnUrl = "/")
    {
        var path = "/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = await PageAsync(path);
        var response = await SubmitAsync(page, "form[method=post].stack", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, path);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(Ct));
        response.Headers.Location!.OriginalString.ShouldEndWith(returnUrl);
        return SessionCookie(response).ShouldNotBeNull("no session cookie set");
    }

    /// <summary>The <c>__Host-shop=…</c> pair a response set, if any.</summary>
    public static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("__Host-shop=", StringComparison.Ordinal) && c.Length > "__Host-shop=".Length)
            : null;

    public static string Text(IParentNode page, string selector) =>
        page.QuerySelector(selector).ShouldNotBeNull($"no {selector}").TextContent.Trim();
}
