using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Providers.Plugins;

/// <summary>A plugin whose descriptor, assemblies, entry type and settings passed every check; its provider is created
/// by <see cref="PaymentProviders"/> once the host's services exist.</summary>
internal sealed record LoadedPaymentPlugin(string Folder, PluginDescriptor Descriptor, IPaymentPlugin Plugin, object? Options, Func<string, string> Redact);
