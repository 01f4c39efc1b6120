namespace ModularShop.Payments.Abstractions;

/// <summary>Marks a settings property as secret (API keys, webhook secrets): the host never logs or returns its value,
/// and replaces it by <c>***</c> in any message it reports about the plugin.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class PaymentSecretAttribute : Attribute;
