namespace ModularShop.Payments.Abstractions;

/// <summary>
/// The entry point of a payment plugin (SDK 1.1): the host finds the one public, non-abstract type implementing it in
/// the plugin's entry assembly, creates it with its public parameterless constructor, binds and validates the options
/// it declares from <c>Payments:Providers:&lt;code&gt;</c>, and asks it for its provider. Derive from
/// <see cref="PaymentPlugin{TOptions}"/> rather than implementing this directly.
/// </summary>
public interface IPaymentPlugin
{
    /// <summary>The settings type the host binds from <c>Payments:Providers:&lt;code&gt;</c> and validates (data
    /// annotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>); null when the provider
    /// has no settings. Mark secret properties with <see cref="PaymentSecretAttribute"/>.</summary>
    Type? OptionsType { get; }

    /// <summary>Creates the provider, once, at start-up. Throwing here skips the plugin (logged, reported by
    /// <c>/health/ready</c>); the shop keeps running.</summary>
    IPaymentProvider CreateProvider(PaymentPluginContext context);
}
