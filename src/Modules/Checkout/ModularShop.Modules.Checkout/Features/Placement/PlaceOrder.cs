using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Checkout.Features.Shared;
using ModularShop.Modules.Checkout.Persistence;
using ModularShop.Modules.Checkout.Process;
using ModularShop.Modules.Orders.Contracts;

namespace ModularShop.Modules.Checkout.Features.Placement;

/// <summary>Buys the cart: reserves the stock, charges the payment, places the order, empties the sold lines (decision 0010).</summary>
public static class PlaceOrder
{
    public sealed record Command(
        Guid? CartId,
        AddressInput? ShippingAddress,
        AddressInput? BillingAddress,
        string? ShippingMethod,
        PaymentInput? Payment) : IRequest<Result<OrderDetails>>
    {
        [JsonIgnore]
        public string IdempotencyKey { get; init; } = string.Empty;

        [JsonIgnore]
        public Uri? BaseUrl { get; init; }

        /// <summary>Who buys (set by the endpoint from the token, or by the contract caller; never from the body).</summary>
        [JsonIgnore]
        public Guid UserId { get; init; }
    }

    /// <summary>How to pay: a provider from <c>GET /api/payments/providers</c> and what it needs (the test card: <c>cardNumber</c>, <c>expiry</c>, <c>cvc</c>).</summary>
    public sealed record PaymentInput(string? Provider, Dictionary<string, string?>? Details);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CartId).NotNull().NotEqual(Guid.Empty);
            RuleFor(c => c.ShippingAddress).NotNull().SetValidator(new AddressInputValidator()!);
            RuleFor(c => c.BillingAddress).SetValidator(new AddressInputValidator()!);
            RuleFor(c => c.ShippingMethod).NotEmpty().MaximumLength(50);
            RuleFor(c => c.Payment).NotNull().ChildRules(payment =>
            {
                payment.RuleFor(p => p!.Provider).NotEmpty().MaximumLength(50);
                payment.RuleFor(p => p!.Details).MaxItems(20);
                payment.RuleForEach(p => p!.Details).Must(d => d.Key.Length <= 50 && (d.Value?.Length ?? 0) <= 200)
                    .WithMessage("Each detail has a name of at most 50 and a value of at most 200 characters.");
            });
        }
    }

    internal sealed class Handler(CheckoutRunner runner) : IRequestHandler<Command, Result<OrderDetails>>
    {
        public Task<Result<OrderDetails>> Handle(Command command, CancellationToken cancellationToken)
        {
            var shipTo = CheckoutAddress.From(command.ShippingAddress!);
            var request = new PlacementRequest(
                command.CartId!.Value,
                shipTo,
                command.BillingAddress is null ? shipTo : CheckoutAddress.From(command.BillingAddress),
                command.ShippingMethod!.Trim(),
                command.Payment!.Provider!.Trim(),
                command.Payment.Details ?? [],
                command.BaseUrl);
            return runner.PlaceAsync(command.UserId, command.IdempotencyKey, request, cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/checkout", async (Command command, HttpRequest request, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                    (await mediator.Send(
                        command with
                        {
                            UserId = user.UserId!.Value,
                            IdempotencyKey = request.Headers[Idempotency.KeyHeader].ToString(),
                            BaseUrl = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}"),
                        },
                        ct)).ToCreated(o => $"/api/orders/{o.Id}", o => o.Version))
                .RequireUser()
                .RequireRateLimiting(CheckoutModule.PlaceRateLimit)
                .RequireIdempotencyKey()
                .WithIdempotency<CheckoutDbContext>()
                .WithName("Checkout.PlaceOrder")
                .WithTags(CheckoutModule.ModuleName)
                .WithSummary("Buy the cart")
                .WithDescription(
                    "`{cartId, shippingAddress, billingAddress?, shippingMethod, payment:{provider, details}}` with a **required** " +
                    "`Idempotency-Key`. Prices the cart as the quote does, reserves the stock, charges the payment, places the order and " +
                    "removes the sold lines from the cart. **201** the order: `Paid` for an approved payment, `AwaitingPayment` with " +
                    "`payment.nextAction` (send the shopper to its `url`) for one that needs the shopper's action — it is cancelled if " +
                    "unpaid after `Checkout:PaymentTimeout`. **402** declined (`code` from the provider: `card_declined`, " +
                    "`insufficient_funds`): no order, the stock went back, the cart is kept. **409**: lines that cannot be sold " +
                    "(`checkout.cart_has_problems`) or not enough stock (`checkout.insufficient_stock`), each with `problems` naming the " +
                    "lines, nothing reserved; an empty cart (`checkout.cart_empty`); the same key still running (`idempotency.in_flight`, " +
                    "`checkout.in_progress`: retry after `Retry-After`). **400** invalid input, a method that does not ship there, " +
                    "invalid payment details (`payment.details.cardNumber`, …) or no `Idempotency-Key`. Retrying with the same key after " +
                    "any failure, timeout or crash returns the same order and never charges twice (docs/checkout.md).")
                .Produces<OrderDetails>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status402PaymentRequired)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
