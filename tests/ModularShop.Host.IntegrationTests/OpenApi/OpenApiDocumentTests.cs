using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.OpenApi;

/// <summary>The OpenAPI document says what the validators say (decision 0008), under readable schema ids.</summary>
public sealed partial class OpenApiDocumentTests(ShopFactory shop) : IClassFixture<ShopFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The fields issue 11 found required in the document although the API lets them out.</summary>
    public static TheoryData<string, string> OptionalFields => new()
    {
        { "CreateProductCommand", "slug" },
        { "CreateProductCommand", "description" },
        { "CreateProductCommand", "comparePrice" },
        { "CreateProductCommand", "images" },
        { "CreateProductCommand", "featured" },
        { "CreateProductCommand", "stock" },
        { "CreateProductCommand", "variants" },
        { "CreateCategoryCommand", "slug" },
        { "CreateCategoryCommand", "parentId" },
        { "AddAddressCommand", "line2" },
        { "AddAddressCommand", "region" },
        { "AddAddressCommand", "phone" },
        { "AddCartItemCommand", "variantId" },
    };

    public static TheoryData<string, string> RequiredFields => new()
    {
        { "CreateProductCommand", "name" },
        { "CreateProductCommand", "price" },
        { "CreateProductCommand", "categoryId" },
        { "VariantInput", "name" },
        { "VariantInput", "sku" },
        { "CreateCategoryCommand", "name" },
        { "AddAddressCommand", "fullName" },
        { "AddAddressCommand", "line1" },
        { "AddAddressCommand", "city" },
        { "AddAddressCommand", "postalCode" },
        { "AddAddressCommand", "country" },
        { "AddCartItemCommand", "productId" },
        { "AddCartItemCommand", "quantity" },
        { "RegisterCommand", "email" },
        { "RegisterCommand", "password" },
        { "RegisterCommand", "name" },
    };

    [Theory]
    [MemberData(nameof(OptionalFields))]
    public async Task A_field_the_API_lets_out_is_not_required_and_may_be_null(string schema, string field)
    {
        var document = await DocumentAsync();
        var component = Schema(document, schema);

        Required(component).ShouldNotContain(field, $"{schema}.{field} is optional in the API");
        TypeNames(component.GetProperty("properties").GetProperty(field)).ShouldContain("null", $"{schema}.{field} accepts null");
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public async Task A_field_the_validators_require_is_required_and_not_nullable(string schema, string field)
    {
        var document = await DocumentAsync();
        var component = Schema(document, schema);

        Required(component).ShouldContain(field, $"{schema}.{field} has a NotNull/NotEmpty rule");
        TypeNames(component.GetProperty("properties").GetProperty(field)).ShouldNotContain("null");
    }

    [Fact]
    public async Task The_validators_limits_are_published_on_bodies_and_query_parameters()
    {
        var document = await DocumentAsync();

        var product = Schema(document, "CreateProductCommand").GetProperty("properties");
        product.GetProperty("name").GetProperty("maxLength").GetInt32().ShouldBe(200);
        product.GetProperty("name").GetProperty("minLength").GetInt32().ShouldBe(1);
        product.GetProperty("slug").GetProperty("pattern").GetString().ShouldBe("^[a-z0-9]+(?:-[a-z0-9]+)*$");
        product.GetProperty("price").GetProperty("minimum").GetDecimal().ShouldBe(0m);
        product.GetProperty("price").GetProperty("maximum").GetDecimal().ShouldBe(9_999_999_999.99m);
        product.GetProperty("images").GetProperty("maxItems").GetInt32().ShouldBe(20);
        product.GetProperty("images").GetProperty("items").GetProperty("maxLength").GetInt32().ShouldBe(2048);
        product.GetProperty("variants").GetProperty("maxItems").GetInt32().ShouldBe(100);
        product.GetProperty("stock").GetProperty("maximum").GetInt32().ShouldBe(1_000_000);

        var sku = Schema(document, "VariantInput").GetProperty("properties").GetProperty("sku");
        sku.GetProperty("maxLength").GetInt32().ShouldBe(64);

        var quantity = Schema(document, "AddCartItemCommand").GetProperty("properties").GetProperty("quantity");
        quantity.GetProperty("minimum").GetInt32().ShouldBe(1);
        quantity.GetProperty("maximum").GetInt32().ShouldBe(999);

        var password = Schema(document, "RegisterCommand").GetProperty("properties").GetProperty("password");
        password.GetProperty("minLength").GetInt32().ShouldBe(8);
        password.GetProperty("maxLength").GetInt32().ShouldBe(128);

        Schema(document, "ChangeRolesCommand").GetProperty("properties").GetProperty("roles").GetProperty("maxItems").GetInt32().ShouldBe(10);

        foreach (var list in new[] { "/api/catalog/products", "/api/admin/users" })
        {
            var pageSize = Parameter(document, list, "pageSize").GetProperty("schema");
            pageSize.GetProperty("minimum").GetInt32().ShouldBe(1, list);
            pageSize.GetProperty("maximum").GetInt32().ShouldBe(100, list);
            Parameter(document, list, "page").GetProperty("schema").GetProperty("minimum").GetInt32().ShouldBe(1, list);
        }

        Parameter(document, "/api/catalog/products", "q").GetProperty("schema").GetProperty("maxLength").GetInt32().ShouldBe(200);
        // A Must rule cannot be a schema: its message is the description.
        Parameter(document, "/api/catalog/products", "sort").GetProperty("description").GetString()
            .ShouldBe("Must be one of: relevance, newest, price_asc, price_desc, name.");
    }

    /// <summary>
    /// The two cannot drift: for every validated request type that is a schema, <c>required</c> is exactly the members
    /// with an unconditional NotNull/NotEmpty rule, read here from the validators themselves.
    /// </summary>
    [Fact]
    public async Task Every_validated_request_schema_requires_exactly_its_NotNull_and_NotEmpty_members()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var validatedTypes = shop.Services.GetRequiredService<ModuleCatalog>().Assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .ToList();

        var compared = new List<string>();
        foreach (var type in validatedTypes)
        {
            var id = type.IsNested ? type.DeclaringType!.Name + type.Name : type.Name;
            if (Find(document, id) is not { } schema)
            {
                continue; // a query bound from the query string: no body schema
            }

            var expected = shop.Services.GetServices(typeof(IValidator<>).MakeGenericType(type)).Cast<IValidator>()
                .SelectMany(v => v.CreateDescriptor().Rules)
                .Where(r => r.Member is not null && !r.HasCondition && !r.HasAsyncCondition && !IsForEach(r))
                .Where(r => r.Components.Any(c => c.Validator is INotNullValidator or INotEmptyValidator && !c.HasCondition && !c.HasAsyncCondition))
                .Select(r => JsonNamingPolicy.CamelCase.ConvertName(r.Member.Name))
                .ToHashSet();

            Required(schema).ToHashSet().ShouldBe(expected, ignoreOrder: true, $"{id} ({type.FullName})");
            compared.Add(id);
        }

        compared.Count.ShouldBeGreaterThanOrEqualTo(14, "the modules' command bodies are all compared: " + string.Join(", ", compared));
    }

    [Fact]
    public async Task Schema_ids_are_readable_valid_and_keep_primitives_nullables_and_collections_inline()
    {
        var document = await DocumentAsync();
        var ids = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToList();

        ids.ShouldNotBeEmpty();
        ids.Where(id => !ValidId().IsMatch(id)).ShouldBeEmpty("schema ids must match ^[a-zA-Z0-9.\\-_]+$");
        ids.Where(id => id.Contains("System", StringComparison.Ordinal) || id.Contains("ModularShop", StringComparison.Ordinal)).ShouldBeEmpty();
        ids.ShouldContain("CreateProductCommand");
        ids.ShouldContain("RegisterCommand");
        ids.ShouldContain("PagedResultOfProductResponse");
        ids.ShouldContain("ListCategoriesCategoryResponse");
        ids.ShouldContain("CategoryResponse");
        foreach (var inline in new[] { "String", "Int32", "Guid", "Decimal", "Boolean", "DateTimeOffset", "NullableOfInt32", "IReadOnlyListOfString", "ArrayOfString" })
        {
            ids.ShouldNotContain(inline);
        }
    }

    [Fact]
    public async Task The_document_has_a_title_an_introduction_a_contact_and_the_bearer_scheme()
    {
        var document = await DocumentAsync();
        var info = document.GetProperty("info");

        info.GetProperty("title").GetString().ShouldBe("ModularShop API");
        var description = info.GetProperty("description").GetString() ?? string.Empty;
        foreach (var topic in new[] { "## Where to start", "Authorization: Bearer", "/api/users/refresh", "Idempotency-Key", "problem+json", "pageSize", "If-Match", "429", "Retry-After" })
        {
            description.ShouldContain(topic);
        }

        info.GetProperty("contact").GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        var me = document.GetProperty("paths").GetProperty("/api/users/me").GetProperty("get");
        me.GetProperty("security")[0].TryGetProperty("Bearer", out _).ShouldBeTrue("GET /api/users/me needs a token");
    }

    private static bool IsForEach(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = shop.CreateAnonymousClient();
        return await (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).ReadJsonElementAsync();
    }

    /// <summary>
    /// The schema with this readable id, or else the one whose id reads the same without punctuation
    /// (<c>…CreateProduct.Command</c>), so that these tests judge required fields and limits whatever the ids are.
    /// </summary>
    private static JsonElement Schema(JsonElement document, string id) =>
        Find(document, id) ?? throw new ShouldAssertException($"no schema '{id}' in components.schemas");

    private static JsonElement? Find(JsonElement document, string id)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        if (schemas.TryGetProperty(id, out var schema))
        {
            return schema;
        }

        var similar = schemas.EnumerateObject().Where(s => NotAlphanumeric().Replace(s.Name, string.Empty).EndsWith(id, StringComparison.Ordinal)).ToList();
        return similar.Count == 1 ? similar[0].Value : null;
    }

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];

    private static List<string> TypeNames(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    private static JsonElement Parameter(JsonElement document, string path, string name) =>
        document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name);

    [GeneratedRegex("^[a-zA-Z0-9.\\-_]+$")]
    private static partial Regex ValidId();

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NotAlphanumeric();
}
