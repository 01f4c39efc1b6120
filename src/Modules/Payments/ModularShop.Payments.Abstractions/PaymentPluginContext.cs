namespace ModularShop.Payments.Abstractions;

/// <summary>What the host gives a plugin when it creates its provider.</summary>
/// <param name="Code">The provider code from the plugin's descriptor.</param>
/// <param name="Options">The bound, validated settings (an instance of <see cref="IPaymentPlugin.OptionsType"/>), or null.</param>
/// <param name="Time">The shop's clock: use it for timestamps and signature tolerances (tests move it).</param>
/// <param name="Services">The host's services, for the abstractions it shares with plugins (<c>Microsoft.Extensions.*</c>:
/// e.g. <c>ILoggerFactory</c>, <c>IHttpClientFactory</c>). Resolve what you need here, once; never a module's types.</param>
public sealed record PaymentPluginContext(string Code, object? Options, TimeProvider Time, IServiceProvider Services);
