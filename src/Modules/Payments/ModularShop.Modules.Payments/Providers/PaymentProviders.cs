using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ModularShop.Modules.Payments.Providers.Plugins;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Providers;

/// <summary>
/// The enabled payment providers by code: every <see cref="IPaymentProvider"/> registered in DI (the built-in ones) whose
/// <c>Payments:Providers:&lt;code&gt;:Enabled</c> is not false, then the providers of the plugins the start-up scan
/// loaded (decision 0012). Two built-in providers with one code stop the host (a bug in the host); a plugin whose
/// provider cannot be created, or whose code is taken, is skipped: one warning line, and <c>/health/ready</c> reports it.
/// Created once, at start-up (<see cref="PaymentProvidersStartup"/>).
/// </summary>
internal sealed partial class PaymentProviders
{
    private readonly Dictionary<string, IPaymentProvider> _byCode;
    private readonly Dictionary<string, LoadedPaymentPlugin> _plugins = new(StringComparer.Ordinal);

    public PaymentProviders(
        IEnumerable<IPaymentProvider> providers,
        IConfiguration configuration,
        PaymentPluginCatalog catalog,
        IServiceProvider services,
        TimeProvider time,
        ILogger<PaymentProviders> logger)
    {
        _byCode = new Dictionary<string, IPaymentProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            if (!IsValidCode(provider.Code))
            {
                throw new InvalidOperationException($"Payment provider code '{provider.Code}' is not lower-case letters, digits and dashes.");
            }

            if (!configuration.GetValue($"{PaymentsModule.ProvidersSection}:{provider.Code}:Enabled", true))
            {
                continue;
            }

            if (!_byCode.TryAdd(provider.Code, provider))
            {
                throw new InvalidOperationException($"Two payment providers have the code '{provider.Code}'.");
            }
        }

        foreach (var plugin in catalog.Loaded)
        {
            var code = plugin.Descriptor.Code;
            if (_byCode.ContainsKey(code))
            {
                catalog.Fail(plugin.Folder, $"provider code '{code}' is already taken by a built-in provider");
                continue;
            }

            IPaymentProvider provider;
            string? providerCode;
            try
            {
                provider = plugin.Plugin.CreateProvider(new PaymentPluginContext(code, plugin.Options, time, services));

                // What the shop reads of a provider all the time must not throw later, in a request.
                providerCode = provider?.Code;
                _ = (provider?.DisplayName, provider?.Kind, provider?.Capabilities, provider?.TestMode);
            }
            catch (Exception e)
            {
                catalog.Fail(plugin.Folder, plugin.Redact($"CreateProvider failed ({e.GetType().Name}: {e.Message})"));
                continue;
            }

            if (provider is null || providerCode != code)
            {
                catalog.Fail(plugin.Folder, $"the provider's code '{providerCode}' is not the descriptor's '{code}'");
                continue;
            }

            _byCode.Add(code, provider);
            _plugins.Add(code, plugin);
            LogLoaded(logger, plugin.Folder, code, plugin.Descriptor.Version, plugin.Descriptor.SdkVersion.ToString());
        }

        foreach (var failure in catalog.Failures)
        {
            LogSkipped(logger, failure.Folder, failure.Reason);
        }
    }

    public IReadOnlyCollection<IPaymentProvider> All => _byCode.Values;

    public IPaymentProvider? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var provider) ? provider : null;

    /// <summary>The plugin a provider came from, or null for a built-in one.</summary>
    public LoadedPaymentPlugin? PluginOf(string code) => _plugins.GetValueOrDefault(code);

    internal static bool IsValidCode(string code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment plugin '{Folder}' loaded: provider {Code} {Version} (SDK {SdkVersion})")]
    private static partial void LogLoaded(ILogger logger, string folder, string code, string version, string sdkVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment plugin '{Folder}' skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string folder, string reason);
}
