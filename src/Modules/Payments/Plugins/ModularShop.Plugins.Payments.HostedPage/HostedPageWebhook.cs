using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;

namespace ModularShop.Plugins.Payments.HostedPage;

/// <summary>
/// The provider's webhook body: <c>{"eventId","event","payment":{"reference","amount","currency"},"failureCode"}</c>,
/// where <c>event</c> is <c>payment.completed</c> or <c>payment.failed</c>.
/// </summary>
public sealed record HostedPageWebhook(string? EventId, string? Event, HostedPagePayment? Payment, string? FailureCode)
{
    public const string Completed = "payment.completed";
    public const string Failed = "payment.failed";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The payment a webhook is about: the shop's reference and the amount.</summary>
public sealed record HostedPagePayment(string? Reference, decimal Amount, string? Currency);

/// <summary>What a webhook must hold before the shop is told anything (FluentValidation 11, the plugin's own copy).</summary>
internal sealed class HostedPageWebhookValidator : AbstractValidator<HostedPageWebhook>
{
    public HostedPageWebhookValidator()
    {
        RuleFor(w => w.EventId).NotEmpty().MaximumLength(200);
        RuleFor(w => w.Event).Must(e => e is HostedPageWebhook.Completed or HostedPageWebhook.Failed)
            .WithMessage("'Event' must be payment.completed or payment.failed.");
        RuleFor(w => w.Payment).NotNull();
        When(w => w.Payment is not null, () =>
        {
            RuleFor(w => w.Payment!.Reference).NotEmpty();
            RuleFor(w => w.Payment!.Amount).GreaterThan(0);
            RuleFor(w => w.Payment!.Currency).NotEmpty().Length(3);
        });
    }
}
