using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularShop.Testing;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// The host for the fuzz: on its own database, with a first admin, the per-address limits on login/register raised (the
/// fuzz sends thousands of requests from one address and must reach the validation, not a 429) and password hashing at
/// its minimum cost. Reads the host's own OpenAPI document and, on first use, runs every <see cref="FuzzCategory"/> once.
/// Runs on real Kestrel over loopback, as clients meet the host: Kestrel answers some bad requests itself (a NUL in the
/// path, a request line over 8 KB, too many or too large headers, a body over 1 MB), and those answers must be problem
/// details too; the in-memory test server has none of those limits. (It was also faster than the test server here.)
/// With <c>ModularShop__FuzzOnTestServer=true</c> it runs on the in-memory test server instead.
/// </summary>
public sealed class ApiFuzzFixture : ShopFactory
{
    public const string TestServerVariable = "ModularShop__FuzzOnTestServer";

    private readonly Lazy<Task<IReadOnlyList<FuzzOutcome>>> _run;
    private HttpClient? _client;
    private FuzzWorld? _world;

    public ApiFuzzFixture()
        : base(new Dictionary<string, string?>
        {
            ["Users:RateLimit:PermitLimit"] = "1000000",
            ["Users:PasswordIterations"] = "100000",
            ["Users:HashingQueueLimit"] = "1000",
            ["Users:MaxConcurrentHashing"] = "2",
            ["Users:Admin:Email"] = FuzzWorld.AdminEmail,
            ["Users:Admin:Password"] = FuzzWorld.CustomerPassword,
            ["Logging:LogLevel:Default"] = "None",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "None",
            ["Logging:LogLevel:Microsoft.Hosting"] = "None",
        })
    {
        if (OnKestrel)
        {
            UseKestrel(0);
        }

        _run = new(RunCoreAsync);
    }

    public static bool OnKestrel => !string.Equals(Environment.GetEnvironmentVariable(TestServerVariable), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Exceptions the host logged, by request.</summary>
    public ExceptionLog Exceptions { get; } = new();

    /// <summary>Every operation of the host's OpenAPI document.</summary>
    public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _client = OnKestrel ? KestrelClient() : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var document = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        Operations = OpenApiReader.Read(document.RootElement);
        _world = await FuzzWorld.CreateAsync(_client, id => TokenFor(id), (userId, productId, variantId) => FuzzOrders.PlaceAsync(Services, userId, productId, variantId));
    }

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>The outcomes of every case of <paramref name="category"/> over every operation.</summary>
    public async Task<IReadOnlyList<FuzzOutcome>> RunAsync(FuzzCategory category) =>
        [.. (await _run.Value).Where(o => o.Case.Category == category)];

    /// <summary>The outcomes of every case of every category.</summary>
    public Task<IReadOnlyList<FuzzOutcome>> RunAllAsync() => _run.Value;

    /// <summary>How long the whole fuzz took (seeding included).</summary>
    public TimeSpan Duration { get; private set; }

    protected override void StartHost()
    {
        if (OnKestrel)
        {
            StartServer();
        }
        else
        {
            base.StartHost();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Exceptions);
            logging.AddFilter<ExceptionLog>(null, LogLevel.Warning);
        });
    }

    /// <summary>
    /// Seeds every (category, operation) pair its own targets, then sends all cases of all categories at once: each
    /// pair's cases in order, a few pairs side by side, so that the slow operations (password hashing on login and
    /// register) overlap with the rest instead of adding up.
    /// </summary>
    private async Task<IReadOnlyList<FuzzOutcome>> RunCoreAsync()
    {
        var clock = Stopwatch.StartNew();
        var generator = new FuzzCaseGenerator(_world!);
        var cases = new List<IReadOnlyList<FuzzCase>>();
        await _world!.ClearAddressBookAsync();
        foreach (var category in Enum.GetValues<FuzzCategory>())
        {
            foreach (var operation in Operations)
            {
                var pathValues = await _world.SeedPathAsync(operation, [FuzzRole.Anonymous, FuzzRole.Customer, FuzzRole.Admin]);
                cases.Add([.. generator.Generate(category, operation, pathValues)]);
            }
        }

        // The unchanged requests first (before any case could spoil the data they rely on), then the biggest lists first,
        // so that no long one starts last.
        var runner = new FuzzRunner(_client!, _world, Exceptions);
        var baselines = await runner.RunAsync([.. cases.Where(c => c.Count > 0 && c[0].Category == FuzzCategory.Baseline)], CancellationToken.None);
        var others = await runner.RunAsync(
            [.. cases.Where(c => c.Count > 0 && c[0].Category != FuzzCategory.Baseline).OrderByDescending(c => c.Count)], CancellationToken.None);
        var outcomes = baselines.Concat(others).ToList();
        Duration = clock.Elapsed;
        return outcomes;
    }

    private HttpClient KestrelClient()
    {
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = FuzzRunner.Parallelism * 2,

            // Send non-ASCII header values as UTF-8 bytes, as a careless client would, instead of refusing them.
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        };
        return new HttpClient(handler) { BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)) };
    }
}
