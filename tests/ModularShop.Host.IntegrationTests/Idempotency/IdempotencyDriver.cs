using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.Idempotency;

/// <summary>A response read whole, so that a first answer and its replay can be compared.</summary>
public sealed record Answer(HttpStatusCode Status, string Body, string? ContentType, string? Location, string? ETag, bool Replayed, string? RetryAfter)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);

    public string? Code => Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
        return new Answer(
            response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.Location?.OriginalString,
            response.Headers.ETag?.ToString(),
            replayed,
            response.Headers.RetryAfter?.ToString());
    }
}

/// <summary>Creating calls with an optional <c>Idempotency-Key</c>, and what they left behind.</summary>
public sealed class IdempotencyDriver(ShopFactory factory)
{
    public const string AdminProducts = "/api/admin/catalog/products";
    public const string AdminCategories = "/api/admin/catalog/categories";
    public const string Register = "/api/users/register";
    public const string Addresses = "/api/users/me/addresses";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Admin { get; } = factory.CreateAdminClient();

    public static string NewKey() => $"key-{Guid.NewGuid()}";

    public static string UniqueWord() =>
        string.Concat(Guid.NewGuid().ToString("N").Take(14).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    public static async Task<Answer> PostAsync(HttpClient client, string path, JsonNode body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        using var response = await client.SendAsync(request, Ct);
        return await Answer.ReadAsync(response);
    }

    public async Task<(Guid Id, string Slug)> CreateCategoryAsync()
    {
        var response = await Admin.PostAsJsonAsync(AdminCategories, new { name = $"Category {UniqueWord()}" }, Ct);
        var category = await response.ReadJsonElementAsync(HttpStatusCode.Created);
        return (category.GetProperty("id").GetGuid(), category.GetProperty("slug").GetString()!);
    }

    public static JsonObject ProductBody(Guid categoryId, string? name = null, decimal price = 10m) => new()
    {
        ["name"] = name ?? $"Product {UniqueWord()}",
        ["description"] = "A product made for an idempotency test.",
        ["price"] = price,
        ["images"] = new JsonArray("https://images.example.com/a.jpg"),
        ["categoryId"] = categoryId,
        ["stock"] = 5,
        ["variants"] = new JsonArray(),
    };

    /// <summary>How many products the catalog lists in the category (as an admin: never an output-cached answer).</summary>
    public async Task<long> ProductCountAsync(string categorySlug)
    {
        var page = await (await Admin.GetAsync(new Uri($"/api/catalog/products?category={categorySlug}&pageSize=100", UriKind.Relative), Ct))
            .ReadJsonElementAsync();
        return page.GetProperty("totalCount").GetInt64();
    }

    /// <summary>
    /// A newly registered customer and a client with a token for it (minted by the test, so that it does not depend
    /// on a host clock the test moves), and its e-mail address.
    /// </summary>
    public async Task<(HttpClient Client, string Email)> SignedInCustomerAsync()
    {
        using var anonymous = factory.CreateAnonymousClient();
        var email = $"{UniqueWord()}@example.com";
        var registered = await PostAsync(anonymous, Register, new JsonObject { ["email"] = email, ["password"] = "correct horse 1", ["name"] = "Ada" }, key: null);
        registered.Status.ShouldBe(HttpStatusCode.Created, registered.Body);
        return (factory.CreateClientWithToken(factory.TokenFor(registered.Json.GetProperty("id").GetGuid())), email);
    }

    public static JsonObject AddressBody() => new()
    {
        ["fullName"] = "Ada Lovelace",
        ["line1"] = "1 Main Street",
        ["city"] = "London",
        ["postalCode"] = "N1 1AA",
        ["country"] = "GB",
    };

    /// <summary>The caller's address book, as the API lists it.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AddressesAsync(HttpClient user)
    {
        var list = await (await user.GetAsync(new Uri(Addresses, UriKind.Relative), Ct)).ReadJsonElementAsync();
        return [.. (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).EnumerateArray()];
    }

    /// <summary>Which request holds <paramref name="key"/> in <paramref name="schema"/>'s idempotency table (null: no row).</summary>
    public async Task<Guid?> ClaimIdAsync(string schema, string key)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT claim_id FROM {schema}.idempotency_keys WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(Ct) as Guid?;
    }

    /// <summary>The schemas of the modules whose endpoints these tests call; each has its own idempotency table.</summary>
    public static readonly string[] ModuleSchemas = ["catalog", "users", "cart"];

    /// <summary>How many rows the modules' idempotency tables hold for <paramref name="key"/> (any scope).</summary>
    public async Task<long> StoredKeysAsync(string key)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(Ct);
        var sql = "SELECT " + string.Join(" + ", ModuleSchemas.Select(s => $"(SELECT count(*) FROM {s}.idempotency_keys WHERE key = @key)"));
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}

/// <summary>A <see cref="ShopFactory"/> with a clock the test moves.</summary>
public class IdempotencyFactory : ShopFactory
{
    public IdempotencyFactory()
        : this(existingDatabase: null)
    {
    }

    protected IdempotencyFactory(string? existingDatabase)
        : base(new Dictionary<string, string?>(), existingDatabase) => UseFakeClock();
}

/// <summary>
/// A second host on the database of an earlier factory that was disposed with
/// <see cref="ShopFactory.KeepDatabase"/>: a host restart. Drops the database when disposed.
/// </summary>
public sealed class RestartedFactory(string database) : IdempotencyFactory(database);
