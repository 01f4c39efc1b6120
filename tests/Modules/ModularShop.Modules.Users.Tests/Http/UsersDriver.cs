using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using ModularShop.Testing;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

public sealed record UserDto(Guid Id, string Email, string Name, List<string> Roles, DateTimeOffset CreatedAt, bool Blocked = false);

public sealed record TokenDto(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType);

public sealed record AddressDto(
    Guid Id,
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone);

public sealed record PageDto<T>(List<T> Items, int Page, int PageSize, long TotalCount, int TotalPages);

/// <summary>A registered and signed-in user: who they are, their tokens and a client carrying the access token.</summary>
public sealed record Session(UserDto User, string Password, TokenDto Tokens, HttpClient Client);

/// <summary>A registered user and a client carrying an access token for them (minted like the host's, without a sign-in).</summary>
public sealed record Account(UserDto User, HttpClient Client);

/// <summary>
/// The host for Users tests: the per-client limit on login/register raised (these tests sign in a lot from
/// one "address"), the cheapest password hashing the options accept, and a long hashing queue, so that the
/// only 429s are the ones a test provokes.
/// </summary>
public class UsersFactory : ShopFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Users:RateLimit:PermitLimit"] = "100000";
        settings["Users:PasswordIterations"] = "100000";
        settings["Users:HashingQueueLimit"] = "1000";
    }
}

/// <summary>A <see cref="UsersFactory"/> whose configuration names the first admin (created at start-up).</summary>
public class AdminUsersFactory : UsersFactory
{
    public const string AdminEmail = "first.admin@test.modularshop.local";
    public const string AdminPassword = "first-admin-Passw0rd";

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Users:Admin:Email"] = AdminEmail;
        settings["Users:Admin:Password"] = AdminPassword;
    }
}

/// <summary>Users calls as an API client makes them, and fresh, unique test data.</summary>
public sealed class UsersDriver(ShopFactory factory, ConcurrentQueue<string>? recordedBodies = null)
{
    public const string Register = "/api/users/register";
    public const string Login = "/api/users/login";
    public const string Refresh = "/api/users/refresh";
    public const string Logout = "/api/users/logout";
    public const string Me = "/api/users/me";
    public const string Addresses = "/api/users/me/addresses";
    public const string AdminUsers = "/api/admin/users";

    /// <summary>Meets the password rules (a letter and a digit, 8+ characters).</summary>
    public const string Password = "correct horse 9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Anonymous => NewClient();

    public static string UniqueEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>A new client; with <paramref name="accessToken"/> every request carries it as the bearer token.</summary>
    public HttpClient NewClient(string? accessToken = null)
    {
        var client = recordedBodies is null ? factory.CreateClient() : factory.CreateDefaultClient(new RecordingHandler(recordedBodies));
        if (accessToken is not null)
        {
            factory.EnsureUserOf(accessToken);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    public Task<HttpResponseMessage> RegisterAsync(string email, string password = Password, string name = "Ann Example") =>
        Anonymous.PostAsJsonAsync(Register, new { email, password, name }, Ct);

    public async Task<UserDto> RegisterUserAsync(string? email = null, string password = Password, string name = "Ann Example") =>
        await (await RegisterAsync(email ?? UniqueEmail(), password, name)).ReadJsonAsync<UserDto>(HttpStatusCode.Created);

    public Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        Anonymous.PostAsJsonAsync(Login, new { email, password }, Ct);

    public async Task<TokenDto> SignInAsync(string email, string password = Password) =>
        await (await LoginAsync(email, password)).ReadJsonAsync<TokenDto>();

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Anonymous.PostAsJsonAsync(Refresh, new { refreshToken }, Ct);

    /// <summary>Registers a new customer and signs them in.</summary>
    public async Task<Session> NewCustomerAsync(string? email = null, string name = "Ann Example")
    {
        var user = await RegisterUserAsync(email, Password, name);
        var tokens = await SignInAsync(user.Email);
        return new Session(user, Password, tokens, NewClient(tokens.AccessToken));
    }

    /// <summary>
    /// Registers a new customer and gives them a token minted exactly as the host mints them: for tests about
    /// what a signed-in user can do, without paying for a second deliberately slow password hash.
    /// </summary>
    public async Task<Account> NewAccountAsync(string? email = null, string name = "Ann Example")
    {
        var user = await RegisterUserAsync(email, Password, name);
        return new Account(user, NewClient(factory.TokenFor(user.Id)));
    }

    /// <summary>Signs in the admin that <see cref="AdminUsersFactory"/> configures.</summary>
    public async Task<HttpClient> SignInConfiguredAdminAsync()
    {
        var tokens = await SignInAsync(AdminUsersFactory.AdminEmail, AdminUsersFactory.AdminPassword);
        return NewClient(tokens.AccessToken);
    }

    public static object AddressBody(
        string fullName = "Ann Example",
        string line1 = "Hauptstraße 1",
        string? line2 = null,
        string city = "Berlin",
        string? region = null,
        string postalCode = "10115",
        string country = "DE",
        string? phone = "+49 30 1234567") =>
        new { fullName, line1, line2, city, region, postalCode, country, phone };

    public static async Task<AddressDto> AddAddressAsync(HttpClient client, object? body = null) =>
        await (await client.PostAsJsonAsync(Addresses, body ?? AddressBody(), Ct)).ReadJsonAsync<AddressDto>(HttpStatusCode.Created);

    public static async Task<List<AddressDto>> ListAddressesAsync(HttpClient client) =>
        await (await client.GetAsync(Addresses, Ct)).ReadJsonAsync<List<AddressDto>>();

    /// <summary>The <c>role</c> claims of an access token (read, not validated).</summary>
    public static IReadOnlyList<string> RolesIn(string accessToken) =>
        [.. new JsonWebToken(accessToken).Claims.Where(c => c.Type == "role").Select(c => c.Value)];

    /// <summary>A problem body without its per-request <c>traceId</c>, for comparing two answers.</summary>
    public static async Task<string> BodyWithoutTraceIdAsync(HttpResponseMessage response)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.Content.ReadAsStringAsync(Ct))!;
        json.Remove("traceId");
        return JsonSerializer.Serialize(json.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
    }

    /// <summary>Keeps every response body the client receives.</summary>
    private sealed class RecordingHandler(ConcurrentQueue<string> bodies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            bodies.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery} → {(int)response.StatusCode}\n" +
                           await response.Content.ReadAsStringAsync(cancellationToken));
            return response;
        }
    }
}
