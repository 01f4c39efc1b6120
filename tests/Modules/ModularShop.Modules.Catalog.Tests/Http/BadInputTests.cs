using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Http;

/// <summary>Bad input always answers 400 problem details naming the field, never a 500.</summary>
public sealed class BadInputTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CatalogDriver _catalog = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> InvalidProductFields => new()
    {
        // The property to change, the JSON value it gets, the field the answer must name.
        { "price", "\"19.99\"", "price" },
        { "price", "-1", "price" },
        { "price", "1.999", "price" },
        { "price", "10000000000", "price" },
        { "price", "1e40", "price" },
        { "price", "null", "price" },
        { "comparePrice", "-5", "comparePrice" },
        { "stock", "-1", "stock" },
        { "stock", "\"7\"", "stock" },
        { "stock", "3000000000", "stock" },
        { "featured", "\"yes\"", "featured" },
        { "categoryId", "\"not-a-guid\"", "categoryId" },
        { "categoryId", "null", "categoryId" },
        { "name", "null", "name" },
        { "name", "\"   \"", "name" },
        { "name", "42", "name" },
        { "slug", "\"Not A Slug\"", "slug" },
        { "images", "[\"ftp://example.com/a.jpg\"]", "images[0]" },
        { "images", "\"https://example.com/a.jpg\"", "images" },
        { "variants", "{}", "variants" },
    };

    [Theory]
    [MemberData(nameof(InvalidProductFields))]
    public async Task Invalid_product_field_is_400_naming_the_field(string property, string json, string field)
    {
        var body = await ValidProductBodyAsync();
        body[property] = JsonNode.Parse(json);

        var response = await _catalog.PostProductAsync(body);

        await ShouldNameAsync(response, field);
    }

    /// <summary>
    /// Text with a NUL character is refused before it reaches PostgreSQL (which cannot store it) — a 400 that says why,
    /// with nothing written. Sent in parallel with valid creates: a NUL that reached the database inside a batched,
    /// auto-prepared insert could leave a pooled connection out of step (an Npgsql 10.0.3 bug, docs/benchmarks.md →
    /// "Auto-prepare"), which a valid request after it would answer with a 500.
    /// </summary>
    [Fact]
    public async Task Nul_text_is_400_and_valid_writes_beside_it_succeed()
    {
        var template = await ValidProductBodyAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var body = JsonNode.Parse(template.ToJsonString())!.AsObject();
            body["slug"] = $"nul-{Guid.NewGuid():N}";
            body["name"] = i % 2 == 0 ? $"Bad \u0000 {i}" : $"Good {i}";
            return (Bad: i % 2 == 0, Response: await _catalog.PostProductAsync(body));
        }));

        foreach (var (bad, response) in results)
        {
            if (bad)
            {
                // The validator may name the field, or the database guard refuse the text: a 400 either way.
                var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
                (problem.Errors.ContainsKey("name") || (problem.Detail ?? string.Empty).Contains("cannot be stored", StringComparison.Ordinal))
                    .ShouldBeTrue(problem.Json.GetRawText());
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
            }
        }
    }

    [Theory]
    [InlineData("name")]
    [InlineData("price")]
    [InlineData("categoryId")]
    public async Task Missing_required_product_field_is_400_naming_the_field(string field)
    {
        var body = await ValidProductBodyAsync();
        body.Remove(field);

        var response = await _catalog.PostProductAsync(body);

        await ShouldNameAsync(response, field);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("description")]
    public async Task Huge_product_text_is_400_naming_the_field(string field)
    {
        var body = await ValidProductBodyAsync();
        body[field] = new string('x', 100_000);

        var response = await _catalog.PostProductAsync(body);

        await ShouldNameAsync(response, field);
    }

    [Fact]
    public async Task Compare_price_not_above_the_price_is_400_naming_comparePrice()
    {
        var body = await ValidProductBodyAsync();
        body["price"] = 20m;
        body["comparePrice"] = 15m;

        var response = await _catalog.PostProductAsync(body);

        await ShouldNameAsync(response, "comparePrice");
    }

    [Theory]
    [InlineData("stock", "-1", "variants[0].stock")]
    [InlineData("stock", "null", "variants[0].stock")]
    [InlineData("price", "-0.01", "variants[0].price")]
    [InlineData("price", "\"cheap\"", "variants[0].price")]
    [InlineData("sku", "\"no spaces allowed\"", "variants[0].sku")]
    [InlineData("sku", "null", "variants[0].sku")]
    [InlineData("name", "\"\"", "variants[0].name")]
    public async Task Invalid_variant_field_is_400_naming_the_variant_field(string property, string json, string field)
    {
        var body = await ValidProductBodyAsync();
        var variant = CatalogDriver.VariantBody();
        variant[property] = JsonNode.Parse(json);
        body["variants"] = new JsonArray(variant);

        var response = await _catalog.PostProductAsync(body);

        await ShouldNameAsync(response, field);
    }

    [Fact]
    public async Task Two_variants_with_the_same_sku_in_one_body_is_400_naming_variants()
    {
        var body = await ValidProductBodyAsync();
        var sku = CatalogDriver.UniqueSku();
        body["variants"] = new JsonArray(CatalogDriver.VariantBody(sku), CatalogDriver.VariantBody(sku.ToLowerInvariant()));

        var response = await _catalog.PostProductAsync(body);

        await ShouldNameAsync(response, "variants");
    }

    [Fact]
    public async Task Unknown_category_is_400_naming_categoryId()
    {
        var body = await ValidProductBodyAsync();
        body["categoryId"] = Guid.NewGuid();

        var response = await _catalog.PostProductAsync(body);

        await ShouldNameAsync(response, "categoryId");
    }

    [Theory]
    [InlineData("{\"name\": \"Broken\",")]
    [InlineData("{\"name\": \"Broken\" \"price\": 1}")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"name\": \"Trailing\",}")]
    public async Task Malformed_json_is_400_problem_details(string json)
    {
        var response = await _catalog.Admin.PostAsync(CatalogDriver.AdminProducts, HttpResponseExtensions.RawJson(json), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Errors.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Missing_body_is_400_naming_body()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, CatalogDriver.AdminProducts);

        var response = await _catalog.Admin.SendAsync(request, Ct);

        await ShouldNameAsync(response, "body");
    }

    [Fact]
    public async Task Empty_json_body_is_400_naming_body()
    {
        var response = await _catalog.Admin.PostAsync(CatalogDriver.AdminProducts, HttpResponseExtensions.RawJson(string.Empty), Ct);

        await ShouldNameAsync(response, "body");
    }

    [Fact]
    public async Task Invalid_replace_body_is_400_naming_the_field()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);
        var body = CatalogDriver.ProductBody(category.Id, slug: product.Slug);
        body["price"] = "12";

        var response = await _catalog.ReplaceProductAsync(product.Id, body);

        await ShouldNameAsync(response, "price");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("W/x")]
    [InlineData("\"unterminated")]
    public async Task If_Match_that_is_not_an_entity_tag_is_400_naming_the_header(string ifMatch)
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);

        var response = await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, slug: product.Slug), ifMatch);

        await ShouldNameAsync(response, "If-Match");
    }

    /// <summary>RFC 9110: If-Match compares strongly; an opaque or weak tag is well-formed but never the current version.</summary>
    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("W/\"x\"")]
    [InlineData("W/\"{current}\"")]
    public async Task If_Match_with_a_well_formed_tag_that_is_not_the_current_version_is_409(string ifMatch)
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);
        ifMatch = ifMatch.Replace("{current}", product.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, slug: product.Slug, price: 99m), ifMatch);

        (await response.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("concurrency.stale_version");
        (await (await _catalog.GetProductAsync(product.Id.ToString())).ReadJsonAsync<ProductDto>()).Price.ShouldBe(product.Price);
    }

    [Theory]
    [InlineData("{\"stock\": \"ten\"}", "stock")]
    [InlineData("{\"stock\": 1.5}", "stock")]
    [InlineData("{\"stock\": null}", "stock")]
    [InlineData("{}", "stock")]
    [InlineData("{\"stock\": 99999999999}", "stock")]
    [InlineData("", "body")]
    public async Task Invalid_stock_body_is_400_naming_the_field(string json, string field)
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody()]));

        var response = await _catalog.Admin.PutAsync($"{CatalogDriver.AdminProducts}/{product.Id}/variants/{product.Variants[0].Id}/stock",
            HttpResponseExtensions.RawJson(json), Ct);

        await ShouldNameAsync(response, field);
    }

    [Theory]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("sort=PRICE_ASC", "sort")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=abc", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("pageSize=1.5", "pageSize")]
    [InlineData("minPrice=abc", "minPrice")]
    [InlineData("maxPrice=ten", "maxPrice")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=1.999", "minPrice")]
    [InlineData("minPrice=1e400", "minPrice")]
    [InlineData("minPrice=20&maxPrice=10", "maxPrice")]
    [InlineData("featured=maybe", "featured")]
    [InlineData("inStock=2", "inStock")]
    [InlineData("category=Not%20A%20Slug", "category")]
    public async Task Invalid_list_query_is_400_naming_the_parameter(string query, string field)
    {
        var response = await _catalog.Anonymous.GetAsync($"{CatalogDriver.Products}?{query}", Ct);

        await ShouldNameAsync(response, field);
    }

    [Fact]
    public async Task Over_long_search_is_400_naming_q()
    {
        var response = await _catalog.Anonymous.GetAsync($"{CatalogDriver.Products}?q={new string('a', 5_000)}", Ct);

        await ShouldNameAsync(response, "q");
    }

    [Fact]
    public async Task Search_with_only_punctuation_or_sql_is_harmless()
    {
        var punctuation = await _catalog.Anonymous.GetAsync($"{CatalogDriver.Products}?q={Uri.EscapeDataString("!!! & | :* ()")}", Ct);
        var sql = await _catalog.Anonymous.GetAsync($"{CatalogDriver.Products}?q={Uri.EscapeDataString("'; DROP TABLE catalog.products; --")}", Ct);

        await punctuation.ExpectStatusAsync(HttpStatusCode.OK);
        (await sql.ReadJsonAsync<PageDto<ProductDto>>()).Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"name\": \"\"}", "name")]
    [InlineData("{\"name\": null}", "name")]
    [InlineData("{\"name\": 5}", "name")]
    [InlineData("{\"name\": \"Ok\", \"parentId\": \"nope\"}", "parentId")]
    [InlineData("{\"name\": \"Ok\", \"slug\": \"Bad Slug\"}", "slug")]
    [InlineData("", "body")]
    public async Task Invalid_category_body_is_400_naming_the_field(string json, string field)
    {
        var response = await _catalog.Admin.PostAsync(CatalogDriver.AdminCategories, HttpResponseExtensions.RawJson(json), Ct);

        await ShouldNameAsync(response, field);
    }

    [Fact]
    public async Task Huge_category_name_is_400_naming_name()
    {
        var response = await _catalog.Admin.PostAsJsonAsync(CatalogDriver.AdminCategories, new { name = new string('n', 100_000) }, Ct);

        await ShouldNameAsync(response, "name");
    }

    [Fact]
    public async Task Invalid_category_update_is_400_naming_the_field()
    {
        var category = await _catalog.CreateCategoryAsync();

        var response = await _catalog.Admin.PutAsync($"{CatalogDriver.AdminCategories}/{category.Id}",
            HttpResponseExtensions.RawJson("{\"name\": \"Ok\", \"parentId\": 12}"), Ct);

        await ShouldNameAsync(response, "parentId");
    }

    private async Task<JsonObject> ValidProductBodyAsync()
    {
        var category = await _catalog.CreateCategoryAsync();
        return CatalogDriver.ProductBody(category.Id);
    }

    private static async Task ShouldNameAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Status.ShouldBe(400);
        problem.Errors.Keys.ShouldContain(field, $"the answer named {string.Join(", ", problem.Errors.Keys)}: {problem.Json}");
        problem.Errors[field].ShouldNotBeEmpty();
    }
}
