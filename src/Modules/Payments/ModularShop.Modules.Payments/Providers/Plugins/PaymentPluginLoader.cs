using System.ComponentModel.DataAnnotations;
using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Providers.Plugins;

/// <summary>
/// Scans <c>Payments:PluginsPath</c> once at start-up and loads each plugin folder into its own
/// <see cref="System.Runtime.Loader.AssemblyLoadContext"/> (McMaster.NETCore.Plugins), sharing only the SDK and the
/// <c>Microsoft.Extensions.*</c> abstractions with the host (decision 0012). Every check that fails skips that folder
/// with a reason; nothing here throws for a bad plugin.
/// </summary>
internal static class PaymentPluginLoader
{
    public const string PathKey = "Payments:PluginsPath";
    public const string DefaultPath = "plugins/payments";

    /// <summary>The SDK this host carries: plugins need its major and at most its minor.</summary>
    public static readonly Version HostSdkVersion = typeof(IPaymentPlugin).Assembly.GetName().Version!;

    // Types whose assemblies (and what those reference) are unified with the host: the SDK and the
    // Microsoft.Extensions abstractions a plugin may be handed through PaymentPluginContext.Services.
    private static readonly Type[] SharedTypes =
    [
        typeof(IPaymentPlugin),
        typeof(IServiceProvider),
        typeof(ActivatorUtilities),
        typeof(ILoggerFactory),
        typeof(IOptions<>),
        typeof(IConfiguration),
        typeof(StringValues),
        typeof(IHttpClientFactory),
    ];

    private static readonly string[] SecretWords = ["secret", "key", "password", "token"];

    public static PaymentPluginCatalog Load(IConfiguration configuration)
    {
        var configured = configuration[PathKey];
        var loaded = new List<LoadedPaymentPlugin>();
        var failures = new List<PluginFailure>();
        string path;
        string[] folders;
        try
        {
            path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured, AppContext.BaseDirectory);
            folders = Directory.Exists(path) ? Directory.GetDirectories(path) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            // A bad or unreadable Payments:PluginsPath loses the plugins, not the shop.
            return new PaymentPluginCatalog(configured ?? DefaultPath, loaded, [new PluginFailure($"({PathKey})", $"the plugins folder cannot be read ({e.GetType().Name})")]);
        }

        foreach (var folder in folders.Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(folder);
            LoadedPaymentPlugin? plugin;
            string? problem;
            try
            {
                (plugin, problem) = LoadOne(folder, configuration);
            }
            catch (Exception e)
            {
                // Whatever a folder holds, it skips that folder only (a setting that does not parse, a file that vanished…).
                (plugin, problem) = (null, $"cannot be loaded ({e.GetType().Name}: {e.Message})");
            }

            if (plugin is not null)
            {
                if (loaded.Any(p => p.Descriptor.Code == plugin.Descriptor.Code))
                {
                    failures.Add(new PluginFailure(name, $"provider code '{plugin.Descriptor.Code}' is already taken by another plugin folder"));
                    continue;
                }

                loaded.Add(plugin);
            }
            else if (problem is not null)
            {
                failures.Add(new PluginFailure(name, problem));
            }
        }

        return new PaymentPluginCatalog(path, loaded, failures);
    }

    /// <summary>One folder: the plugin, or the reason it was skipped (both null: disabled by configuration).</summary>
    private static (LoadedPaymentPlugin? Plugin, string? Problem) LoadOne(string folder, IConfiguration configuration)
    {
        var (descriptor, problem) = PluginDescriptor.Read(folder);
        if (descriptor is null)
        {
            return (null, problem);
        }

        var section = configuration.GetSection($"{PaymentsModule.ProvidersSection}:{descriptor.Code}");
        if (section["Enabled"] is { } enabled && !bool.TryParse(enabled, out _))
        {
            return (null, $"{section.Path}:Enabled is '{enabled}', not true or false");
        }

        if (!section.GetValue("Enabled", true))
        {
            return (null, null);
        }

        var redactions = SecretValues(section);

        // Longest first, so a secret that is a prefix of another cannot leave the rest of the longer one behind.
        string Redact(string text) => redactions.OrderByDescending(r => r.Length).Aggregate(text, (t, secret) => t.Replace(secret, "***", StringComparison.Ordinal));

        if (!Supported(descriptor.SdkVersion))
        {
            return (null, $"built against SDK {descriptor.SdkVersion} (plugin.json sdkVersion); this host supports {HostSdkVersion.Major}.0 to {HostSdkVersion.Major}.{HostSdkVersion.Minor}");
        }

        var entryPath = Path.Combine(folder, descriptor.EntryAssembly);
        if (!File.Exists(entryPath))
        {
            return (null, $"entry assembly '{descriptor.EntryAssembly}' is not in the folder");
        }

        Assembly assembly;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(entryPath, SharedTypes, _ => { });
            assembly = loader.LoadDefaultAssembly();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or IOException or InvalidOperationException)
        {
            return (null, Redact($"entry assembly '{descriptor.EntryAssembly}' cannot be loaded ({e.GetType().Name}: {e.Message})"));
        }

        var sdkReference = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == typeof(IPaymentPlugin).Assembly.GetName().Name);
        if (sdkReference?.Version is not { } referenced)
        {
            return (null, $"entry assembly '{descriptor.EntryAssembly}' does not reference the payment SDK");
        }

        if (!Supported(referenced))
        {
            return (null, $"entry assembly references SDK {referenced.ToString(3)}; this host supports {HostSdkVersion.Major}.0 to {HostSdkVersion.Major}.{HostSdkVersion.Minor}");
        }

        Type[] candidates;
        try
        {
            candidates = assembly.GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPaymentPlugin).IsAssignableFrom(t))
                .ToArray();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            return (null, Redact($"the types of '{descriptor.EntryAssembly}' cannot be read ({e.GetType().Name}: {e.Message})"));
        }

        if (candidates.Length != 1)
        {
            return (null, candidates.Length == 0
                ? $"'{descriptor.EntryAssembly}' has no public IPaymentPlugin class"
                : $"'{descriptor.EntryAssembly}' has {candidates.Length} public IPaymentPlugin classes ({string.Join(", ", candidates.Select(c => c.FullName))}); one is allowed");
        }

        IPaymentPlugin plugin;
        try
        {
            plugin = (IPaymentPlugin)Activator.CreateInstance(candidates[0])!;
        }
        catch (Exception e)
        {
            var inner = e is TargetInvocationException { InnerException: { } i } ? i : e;
            return (null, Redact($"{candidates[0].FullName} could not be created ({inner.GetType().Name}: {inner.Message})"));
        }

        object? options = null;
        try
        {
            if (plugin.OptionsType is { } optionsType)
            {
                options = section.Get(optionsType) ?? Activator.CreateInstance(optionsType);
                if (options is not null)
                {
                    redactions.UnionWith(SecretProperties(options));
                    var results = new List<ValidationResult>();
                    if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                    {
                        var messages = results.Select(r => r.MemberNames.Any() ? $"{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}" : r.ErrorMessage);
                        return (null, Redact($"settings {section.Path} are not valid: {string.Join("; ", messages)}"));
                    }
                }
            }
        }
        catch (Exception e)
        {
            var inner = e is TargetInvocationException { InnerException: { } i } ? i : e;
            return (null, Redact($"settings {section.Path} cannot be read ({inner.GetType().Name}: {inner.Message})"));
        }

        return (new LoadedPaymentPlugin(Path.GetFileName(folder), descriptor, plugin, options, Redact), null);
    }

    private static bool Supported(Version version) =>
        version.Major == HostSdkVersion.Major && version.Minor <= HostSdkVersion.Minor;

    /// <summary>Configured values of secret-looking keys (a name with secret, key, password or token), at any depth.</summary>
    private static HashSet<string> SecretValues(IConfigurationSection section) =>
        section.AsEnumerable(makePathsRelative: true)
            .Where(kv => kv.Value is { Length: >= 4 } && SecretWords.Any(w => kv.Key.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Select(kv => kv.Value!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Values of the options' properties marked <see cref="PaymentSecretAttribute"/> (strings, or lists of strings).</summary>
    private static IEnumerable<string> SecretProperties(object options) =>
        options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.IsDefined(typeof(PaymentSecretAttribute), inherit: true))
            .SelectMany(p => p.GetValue(options) switch
            {
                string s => [s],
                IEnumerable<string> many => many,
                _ => [],
            })
            .Where(s => s is { Length: >= 4 });
}
