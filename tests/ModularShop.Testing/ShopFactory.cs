using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Xunit;

namespace ModularShop.Testing;

/// <summary>
/// The whole host on a fresh PostgreSQL database of its own: created from the base connection string in
/// <c>ModularShop__TestDatabase</c> (set by <c>eng/test.sh</c>) when the fixture starts, dropped when it is
/// disposed. Use it as <c>IClassFixture&lt;ShopFactory&gt;</c> (one database per test class), or derive from it
/// and override <see cref="ConfigureSettings"/> to change configuration for a module's tests.
/// </summary>
public class ShopFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The environment variable holding the base connection string (a server, not a database).</summary>
    public const string BaseConnectionStringVariable = "ModularShop__TestDatabase";

    public const string EnvironmentName = "Testing";

    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private readonly string _baseConnectionString;
    private readonly bool _existingDatabase;
    private bool _databaseCreated;
    private FakeTimeProvider? _clock;

    public ShopFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="overrides">Configuration values applied after the defaults (e.g. <c>["Shop:Currency"] = "EUR"</c>).</param>
    protected ShopFactory(IReadOnlyDictionary<string, string?> overrides)
        : this(overrides, existingDatabase: null)
    {
    }

    /// <param name="overrides">Configuration values applied after the defaults.</param>
    /// <param name="existingDatabase">
    /// Start on this database of an earlier (disposed, <see cref="KeepDatabase"/>) factory instead of a new one:
    /// a host restart. This factory then owns the database and drops it when disposed.
    /// </param>
    protected ShopFactory(IReadOnlyDictionary<string, string?> overrides, string? existingDatabase)
    {
        _overrides = overrides;
        var baseConnectionString = Environment.GetEnvironmentVariable(BaseConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(baseConnectionString))
        {
            throw new InvalidOperationException(
                $"The environment variable {BaseConnectionStringVariable} is not set. It must hold a PostgreSQL connection string " +
                "(e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres') on which test databases may be created. " +
                "Run the tests with ./eng/test.sh, which starts a throwaway cluster and sets it.");
        }

        _baseConnectionString = baseConnectionString;
        _existingDatabase = existingDatabase is not null;
        DatabaseName = existingDatabase ?? $"t_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    /// <summary>The name of this fixture's own database (<c>t_&lt;guid&gt;</c>).</summary>
    public string DatabaseName { get; }

    /// <summary>The connection string the host uses (<c>ConnectionStrings:Shop</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Leave the database in place when disposed, for a second factory to start on it (a host restart); that
    /// factory then drops it.
    /// </summary>
    public bool KeepDatabase { get; set; }

    /// <summary>Creates the database, then starts the host (which migrates every module's schema).</summary>
    public virtual async ValueTask InitializeAsync()
    {
        if (!_existingDatabase)
        {
            await ExecuteOnServerAsync($"CREATE DATABASE \"{DatabaseName}\"");
        }

        _databaseCreated = true;

        // Start the server now, so that migrations run here and not inside the first test.
        StartHost();
    }

    /// <summary>Starts the in-memory test server; a factory on real Kestrel overrides this with <c>StartServer()</c>.</summary>
    protected virtual void StartHost() => _ = Server;

    /// <summary>Stops the host, then drops the database.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_databaseCreated && !KeepDatabase)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
            _databaseCreated = false;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The configuration the host starts with. Override to add or change settings; call the base first.
    /// Values are applied as host settings, so <c>Program.cs</c> sees them before the app is built.
    /// </summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Shop"] = ConnectionString;
        settings["Auth:SigningKey"] = TestTokens.SigningKey;
        settings["Auth:Issuer"] = TestTokens.Issuer;
        settings["Auth:Audience"] = TestTokens.Audience;
        settings["Seed:Demo"] = "false";
        // Tests sign in and register far more often than a shop's hashing budget allows; the budget has tests of its own.
        settings["Users:HashesPerSecond"] = "1000";
        settings["Users:HashingMaxWait"] = "00:01:00"; // a loaded CI box hashes slowly; parallel tests must queue, not fail
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning";

        // Every test client is one "address" (and tests create many carts): only the rate-limit tests, which set their
        // own limits, should ever see a 429 for creating carts.
        settings["Cart:CreateRateLimit:AnonymousPermitLimit"] = "1000000";
        settings["Cart:CreateRateLimit:UserPermitLimit"] = "1000000";

        // The storefront's tests sign in and create carts from one address all the time.
        settings["Storefront:RateLimit:CredentialPermitLimit"] = "1000000";
        settings["Storefront:RateLimit:NewCartPermitLimit"] = "1000000";

        // Tests buy a lot from one user: only the checkout rate-limit test sets a real limit.
        settings["Checkout:RateLimit:PermitLimit"] = "1000000";
    }

    /// <summary>The clock the host runs on, when a derived factory called <see cref="UseFakeClock"/>.</summary>
    public FakeTimeProvider Clock =>
        _clock ?? throw new InvalidOperationException("This factory runs on the system clock; call UseFakeClock() in its constructor.");

    /// <summary>Makes the host run on a clock the test moves (call in a derived factory's constructor).</summary>
    protected void UseFakeClock() => _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The storefront's static assets (its compiled script) come from the build output's static-web-assets
        // manifest, which ASP.NET Core reads only in Development unless asked.
        builder.UseStaticWebAssets();

        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        }

        builder.UseEnvironment(EnvironmentName);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        ConfigureSettings(settings);
        foreach (var (key, value) in _overrides)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client without a token.</summary>
    public HttpClient CreateAnonymousClient() => CreateClient();

    /// <summary>A client whose requests carry a valid token of a user with role <c>admin</c>.</summary>
    public HttpClient CreateAdminClient() => CreateClientWithToken(TestTokens.Admin());

    /// <summary>A client whose requests carry a valid token of a user with role <c>customer</c> only.</summary>
    public HttpClient CreateCustomerClient() => CreateClientWithToken(TestTokens.Customer());

    /// <summary>
    /// A client whose requests carry <paramref name="token"/> as the bearer token. The host accepts a token only for
    /// an existing user whose security stamp it carries, so the token's user is created first (with the token's
    /// e-mail, roles and stamp; no password) unless a user with its id exists.
    /// </summary>
    public HttpClient CreateClientWithToken(string token)
    {
        EnsureUserOf(token);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates the user a minted token speaks for (see <see cref="CreateClientWithToken"/>), if it does not exist.</summary>
    public void EnsureUserOf(string token)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return; // not a JWT at all: a test of what the host does with garbage
        }

        if (!Guid.TryParse(jwt.Subject, out var userId)
            || !jwt.TryGetPayloadValue<string>("sst", out var stampText) || !Guid.TryParseExact(stampText, "N", out var stamp))
        {
            return;
        }

        var email = jwt.TryGetPayloadValue<string>("email", out var e) ? e : $"user-{userId:N}@test.modularshop.local";
        var roles = jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).ToArray();
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            """
            INSERT INTO users.users (id, email, normalized_email, name, password_hash, roles, security_stamp, created_at, updated_at)
            VALUES (@id, @email, lower(@email), 'Test user', '', @roles, @stamp, now(), now())
            ON CONFLICT DO NOTHING
            """,
            connection);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("roles", roles);
        command.Parameters.AddWithValue("stamp", stamp);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A host without the Users module: no token is accepted anyway.
        }
    }

    /// <summary>
    /// A token minted for a user that exists (e.g. registered through the API): its e-mail, its current security stamp,
    /// and its roles unless <paramref name="roles"/> says otherwise. Spares a test the deliberately slow sign-in.
    /// </summary>
    public string TokenFor(Guid userId, IReadOnlyList<string>? roles = null, DateTime? expires = null)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT email, roles, security_stamp FROM users.users WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"No user {userId}.");
        }

        return TestTokens.Create(userId, reader.GetString(0), roles ?? reader.GetFieldValue<string[]>(1), expires: expires, securityStamp: reader.GetGuid(2));
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_baseConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
