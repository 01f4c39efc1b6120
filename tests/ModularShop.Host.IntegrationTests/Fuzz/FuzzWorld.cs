using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// The data the fuzz aims at: a real customer (registered through the API, with a refresh token), a real admin, a
/// category and a "shelf" product with a variant that bodies refer to, and, per operation, fresh resources for the
/// ids in its path (a product, category, address, cart with an item per role) so that an operation that deletes or
/// rewrites its target does not change what another operation sees.
/// </summary>
public sealed class FuzzWorld
{
    public const string CustomerPassword = "correct horse 1";

    private readonly HttpClient _client;
    private readonly Func<Guid, Task<Guid>>? _placeOrder;
    private readonly Dictionary<FuzzRole, string> _lastCarts = [];
    private int _serial;

    private FuzzWorld(HttpClient client, Func<Guid, Task<Guid>>? placeOrder)
    {
        _client = client;
        _placeOrder = placeOrder;
    }

    /// <summary>The first admin's e-mail address (<c>Users:Admin:Email</c>, created by the host at start-up).</summary>
    public const string AdminEmail = "fuzz-admin@example.com";

    public string AdminToken { get; private set; } = string.Empty;

    public string CustomerToken { get; private set; } = string.Empty;

    public Guid CustomerId { get; private set; }

    public Guid TargetUserId { get; private set; }

    public string CustomerEmail { get; private set; } = string.Empty;

    public string RefreshToken { get; private set; } = string.Empty;

    public Guid CategoryId { get; private set; }

    public Guid ShelfProductId { get; private set; }

    public Guid ShelfVariantId { get; private set; }

    /// <param name="client">The client every request goes through.</param>
    /// <param name="tokenFor">
    /// Mints an access token for an existing user with its current security stamp, in a session of its own
    /// (<see cref="ShopFactory.TokenFor"/>): the fuzz signs out and reuses refresh tokens, which must not end the
    /// sessions it sends its requests in.
    /// </param>
    /// <param name="placeOrder">
    /// Places a paid order of the given user (of one unit of the shelf variant, whose ids it is given too), answering its
    /// id; without it, order routes are aimed at an unknown id.
    /// </param>
    public static async Task<FuzzWorld> CreateAsync(HttpClient client, Func<Guid, string> tokenFor, Func<Guid, Guid, Guid, Task<Guid>>? placeOrder = null)
    {
        FuzzWorld? created = null;
        var world = created = new FuzzWorld(
            client, placeOrder is null ? null : userId => placeOrder(userId, created!.ShelfProductId, created.ShelfVariantId));

        // A real admin (some operations act only for a current admin of the user store), with a token of its id.
        var admin = await world.SendAsync(FuzzRole.Anonymous, HttpMethod.Post, "/api/users/login",
            new JsonObject { ["email"] = AdminEmail, ["password"] = CustomerPassword });
        world.AdminToken = admin.GetProperty("accessToken").GetString()!;
        world.AdminToken = tokenFor((await world.SendAsync(FuzzRole.Admin, HttpMethod.Get, "/api/users/me", body: null)).GetProperty("id").GetGuid());

        world.CustomerEmail = "fuzz-customer@example.com";
        var registered = await world.SendAsync(FuzzRole.Anonymous, HttpMethod.Post, "/api/users/register",
            new JsonObject { ["email"] = world.CustomerEmail, ["password"] = CustomerPassword, ["name"] = "Fuzz Customer" });
        world.CustomerId = registered.GetProperty("id").GetGuid();
        world.CustomerToken = tokenFor(world.CustomerId);
        // The user the admin operations on /api/admin/users/{id} act on (roles, block): not the customer the fuzz
        // sends its requests as, whose tokens a role change or a block would end.
        world.TargetUserId = (await world.SendAsync(FuzzRole.Anonymous, HttpMethod.Post, "/api/users/register",
            new JsonObject { ["email"] = "fuzz-target@example.com", ["password"] = CustomerPassword, ["name"] = "Fuzz Target" })).GetProperty("id").GetGuid();
        var tokens = await world.SendAsync(FuzzRole.Anonymous, HttpMethod.Post, "/api/users/login",
            new JsonObject { ["email"] = world.CustomerEmail, ["password"] = CustomerPassword });
        world.RefreshToken = tokens.GetProperty("refreshToken").GetString()!;
        world.CategoryId = (await world.CreateCategoryAsync()).GetProperty("id").GetGuid();
        var shelf = await world.CreateProductAsync(stock: 100_000);
        world.ShelfProductId = shelf.GetProperty("id").GetGuid();
        world.ShelfVariantId = shelf.GetProperty("variants")[0].GetProperty("id").GetGuid();
        return world;
    }

    /// <summary>
    /// Empties the customer's address book (it holds at most 20, and the fuzz of the add operation fills it), so that
    /// the next category's seeding can add the addresses its operations aim at.
    /// </summary>
    public async Task ClearAddressBookAsync()
    {
        var addresses = await SendAsync(FuzzRole.Customer, HttpMethod.Get, "/api/users/me/addresses", body: null);
        foreach (var address in (addresses.ValueKind == JsonValueKind.Array ? addresses : addresses.GetProperty("items")).EnumerateArray())
        {
            await SendAsync(FuzzRole.Customer, HttpMethod.Delete, $"/api/users/me/addresses/{Id(address)}", body: null);
        }
    }

    /// <summary>The bearer token a role sends (null for anonymous).</summary>
    public string? Token(FuzzRole role) => role switch
    {
        FuzzRole.Admin => AdminToken,
        FuzzRole.Customer => CustomerToken,
        _ => null,
    };

    /// <summary>A number unique within this host, for names, slugs, skus and e-mail addresses.</summary>
    public int NextSerial() => Interlocked.Increment(ref _serial);

    /// <summary>
    /// Valid values for the path parameters of <paramref name="operation"/>, per role: fresh resources created for it
    /// (a role's own cart for cart routes). A parameter the fuzz does not recognise gets a well-formed value of its type.
    /// </summary>
    public async Task<IReadOnlyDictionary<FuzzRole, IReadOnlyDictionary<string, string>>> SeedPathAsync(ApiOperation operation, IEnumerable<FuzzRole> roles)
    {
        var result = new Dictionary<FuzzRole, IReadOnlyDictionary<string, string>>();
        JsonElement? product = null;
        var shared = new Dictionary<string, string>(StringComparer.Ordinal); // one per operation, whatever the role
        foreach (var role in roles)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            JsonElement? cart = null;
            foreach (var parameter in operation.PathParameters)
            {
                var before = SegmentBefore(operation.PathTemplate, parameter.Name);
                values[parameter.Name] = before switch
                {
                    "products" when parameter.Name == "idOrSlug" => (product ??= await CreateProductAsync(stock: 10)).GetProperty("slug").GetString()!,
                    "products" => Id(product ??= await CreateProductAsync(stock: 10)),
                    "variants" => (product ??= await CreateProductAsync(stock: 10)).GetProperty("variants")[0].GetProperty("id").GetString()!,
                    "categories" => shared.TryGetValue(before, out var category) ? category : shared[before] = Id(await CreateCategoryAsync()),
                    "users" => TargetUserId.ToString(),

                    // Payments: the built-in provider (its webhooks then answer 401 without a signature, its bank page 404
                    // for a payment that waits for nothing).
                    "webhooks" or "payments" when parameter.Name == "provider" => "test-card",
                    // Orders: a paid order of the customer, one per operation (cancel, ship, refund change it).
                    "orders" when _placeOrder is not null => shared.TryGetValue(before, out var order) ? order : shared[before] = (await _placeOrder(CustomerId)).ToString(),
                    "addresses" => shared.TryGetValue(before, out var address) ? address : shared[before] = Id(await AddAddressAsync()),

                    // Merging takes an anonymous cart into the caller's: every role merges an anonymous cart of its own.
                    "carts" when operation.PathTemplate.EndsWith("/merge", StringComparison.Ordinal) => Id((cart = await CreateCartAsync(FuzzRole.Anonymous)).Value),
                    "carts" => Id((cart = await CreateCartAsync(role)).Value),
                    "items" when cart is { } c => c.GetProperty("items")[0].GetProperty("id").GetString()!,
                    _ => parameter.Schema.Format == "uuid" ? new Guid("f0220000-0000-4000-8000-000000000001").ToString()
                        : parameter.Schema.Kind is SchemaKind.Integer or SchemaKind.Number ? "1" : "fuzz",
                };
            }

            result[role] = values;
        }

        return result;
    }

    public async Task<JsonElement> CreateCategoryAsync() =>
        await SendAsync(FuzzRole.Admin, HttpMethod.Post, "/api/admin/catalog/categories", new JsonObject { ["name"] = $"Fuzz category {NextSerial()}" });

    public async Task<JsonElement> CreateProductAsync(int stock)
    {
        var serial = NextSerial();
        return await SendAsync(FuzzRole.Admin, HttpMethod.Post, "/api/admin/catalog/products", new JsonObject
        {
            ["name"] = $"Fuzz product {serial}",
            ["description"] = "A product the fuzz aims at.",
            ["price"] = 10m,
            ["images"] = new JsonArray("https://images.example.com/fuzz.jpg"),
            ["categoryId"] = CategoryId,
            ["featured"] = false,
            ["variants"] = new JsonArray(new JsonObject
            {
                ["name"] = "M",
                ["options"] = new JsonObject { ["Size"] = "M" },
                ["stock"] = stock,
                ["sku"] = $"FUZZ-SEED-{serial}",
            }),
        });
    }

    private async Task<JsonElement> AddAddressAsync() =>
        await SendAsync(FuzzRole.Customer, HttpMethod.Post, "/api/users/me/addresses", new JsonObject
        {
            ["fullName"] = "Ada Lovelace",
            ["line1"] = "1 Main Street",
            ["city"] = "London",
            ["postalCode"] = "N1 1AA",
            ["country"] = "GB",
        });

    /// <summary>
    /// A cart of <paramref name="role"/> holding a unit of the shelf product's variant. Should creating carts be rate
    /// limited (429), the role's last cart is used again, so that a limit makes the fuzz aim at fewer carts but not fail.
    /// </summary>
    private async Task<JsonElement> CreateCartAsync(FuzzRole role)
    {
        var cartId = await TrySendAsync(role, HttpMethod.Post, "/api/carts") is { } created
            ? _lastCarts[role] = Id(created)
            : _lastCarts.GetValueOrDefault(role)
              ?? throw new InvalidOperationException($"Seeding the fuzz failed: POST /api/carts as {role} was refused (429) before any cart existed.");
        return await SendAsync(role, HttpMethod.Post, $"/api/carts/{cartId}/items",
            new JsonObject { ["productId"] = ShelfProductId, ["variantId"] = ShelfVariantId, ["quantity"] = 1 });
    }

    /// <summary>The created resource, or null when the host answered 429 Too Many Requests.</summary>
    private async Task<JsonElement?> TrySendAsync(FuzzRole role, HttpMethod method, string path)
    {
        try
        {
            return await SendAsync(role, method, path, body: null);
        }
        catch (InvalidOperationException e) when (e.Data["status"] is 429)
        {
            return null;
        }
    }

    private static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    private static string SegmentBefore(string template, string parameter)
    {
        var segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.FindIndex(segments, s => s.Contains($"{{{parameter}}}", StringComparison.Ordinal));
        return index > 0 ? segments[index - 1] : string.Empty;
    }

    private async Task<JsonElement> SendAsync(FuzzRole role, HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (Token(role) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default;
        }

        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Seeding the fuzz failed: {method} {path} as {role} answered {(int)response.StatusCode}: {text}"))
            {
                Data = { ["status"] = (int)response.StatusCode },
            };
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
