namespace ModularShop.Payments.Abstractions;

/// <summary>
/// Base class of a plugin's entry point with settings of type <typeparamref name="TOptions"/> (a class with a public
/// parameterless constructor and settable properties, bound from <c>Payments:Providers:&lt;code&gt;</c>).
/// </summary>
public abstract class PaymentPlugin<TOptions> : IPaymentPlugin
    where TOptions : class, new()
{
    /// <inheritdoc />
    public Type? OptionsType => typeof(TOptions);

    /// <inheritdoc />
    public IPaymentProvider CreateProvider(PaymentPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CreateProvider(context.Options as TOptions ?? new TOptions(), context);
    }

    /// <summary>Creates the provider from its validated <paramref name="options"/>.</summary>
    protected abstract IPaymentProvider CreateProvider(TOptions options, PaymentPluginContext context);
}
