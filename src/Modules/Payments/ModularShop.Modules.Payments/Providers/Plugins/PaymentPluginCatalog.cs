using System.Collections.Concurrent;

namespace ModularShop.Modules.Payments.Providers.Plugins;

/// <summary>What the start-up scan found: the plugins that loaded, and every folder skipped with its reason.</summary>
internal sealed class PaymentPluginCatalog(string path, IReadOnlyList<LoadedPaymentPlugin> loaded, IEnumerable<PluginFailure> failures)
{
    private readonly ConcurrentQueue<PluginFailure> _failures = new(failures);

    /// <summary>The folder scanned (absolute).</summary>
    public string Path { get; } = path;

    public IReadOnlyList<LoadedPaymentPlugin> Loaded { get; } = loaded;

    public IReadOnlyCollection<PluginFailure> Failures => _failures;

    public void Fail(string folder, string reason) => _failures.Enqueue(new PluginFailure(folder, reason));
}

/// <summary>A plugin folder that was skipped, and why (one line, secrets redacted).</summary>
internal sealed record PluginFailure(string Folder, string Reason);
