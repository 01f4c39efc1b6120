using System.ComponentModel.DataAnnotations;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Tests.Plugins.Faulty;

/// <summary>Settings: <see cref="ApiKey"/> is a secret the host must never print.</summary>
public sealed class FaultyOptions
{
    [PaymentSecret]
    public string? ApiKey { get; set; }

    /// <summary><c>CreateProvider</c>: throw there (with the API key in the message); <c>WrongCode</c>: answer another code.</summary>
    public string? FailIn { get; set; }

    [Range(0, 10)]
    public int Level { get; set; }
}

/// <summary>Throws in its constructor when a file <c>throw-in-constructor</c> lies beside it.</summary>
public sealed class FaultyPlugin : PaymentPlugin<FaultyOptions>
{
    public FaultyPlugin()
    {
        var folder = Path.GetDirectoryName(typeof(FaultyPlugin).Assembly.Location)!;
        if (File.Exists(Path.Combine(folder, "throw-in-constructor")))
        {
            throw new InvalidOperationException("the faulty plugin refuses to be created");
        }
    }

    protected override IPaymentProvider CreateProvider(FaultyOptions options, PaymentPluginContext context) => options.FailIn switch
    {
        "CreateProvider" => throw new InvalidOperationException($"cannot reach the provider with key {options.ApiKey}"),
        "WrongCode" => new FaultyProvider("someone-else"),
        _ => new FaultyProvider(context.Code),
    };
}

/// <summary>Declines everything (the loader's tests never charge through it).</summary>
public sealed class FaultyProvider(string code) : IPaymentProvider
{
    public string Code => code;

    public string DisplayName => "Faulty";

    public PaymentProviderKind Kind => PaymentProviderKind.Card;

    public PaymentCapabilities Capabilities => PaymentCapabilities.None;

    public bool TestMode => true;

    public Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(AuthorizeResult.Declined("faulty", "card_declined", "Faulty declines everything.", null));

    public Task<PaymentOperationResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentOperationResult.Unsupported("no capture"));

    public Task<PaymentOperationResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentOperationResult.Unsupported("no void"));

    public Task<PaymentOperationResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentOperationResult.Unsupported("no refund"));

    public WebhookVerification VerifyWebhook(WebhookRequest request) =>
        WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, "no webhooks");
}
