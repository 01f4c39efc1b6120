using Microsoft.Extensions.Configuration;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Providers;

/// <summary>
/// The enabled payment providers by code: every <see cref="IPaymentProvider"/> registered in DI (built in today; the
/// plugin loader adds its providers the same way) whose <c>Payments:Providers:&lt;code&gt;:Enabled</c> is not false.
/// Two providers with one code stop the host.
/// </summary>
internal sealed class PaymentProviders
{
    private readonly Dictionary<string, IPaymentProvider> _byCode;

    public PaymentProviders(IEnumerable<IPaymentProvider> providers, IConfiguration configuration)
    {
        _byCode = new Dictionary<string, IPaymentProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            if (!IsValidCode(provider.Code))
            {
                throw new InvalidOperationException($"Payment provider code '{provider.Code}' is not lower-case letters, digits and dashes.");
            }

            if (!configuration.GetValue($"Payments:Providers:{provider.Code}:Enabled", true))
            {
                continue;
            }

            if (!_byCode.TryAdd(provider.Code, provider))
            {
                throw new InvalidOperationException($"Two payment providers have the code '{provider.Code}'.");
            }
        }
    }

    public IReadOnlyCollection<IPaymentProvider> All => _byCode.Values;

    public IPaymentProvider? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var provider) ? provider : null;

    private static bool IsValidCode(string code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
