using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Checkout.Domain;
using ModularShop.Modules.Checkout.Features.Shared;
using ModularShop.Modules.Checkout.Process;

namespace ModularShop.Modules.Checkout.Features.Quotes;

/// <summary>What a cart costs delivered to an address by a shipping method: the figures the order will have.</summary>
public static class GetQuote
{
    public sealed record Command(Guid? CartId, AddressInput? ShippingAddress, string? ShippingMethod) : IRequest<Result<QuoteResponse>>
    {
        /// <summary>Who acts (set by the endpoint from the token, or by the contract caller; never from the body).</summary>
        [JsonIgnore]
        public Guid UserId { get; init; }
    }

    /// <summary><c>total = subtotal + shipping + tax</c>; <c>tax</c> includes the tax on shipping where the destination taxes it.</summary>
    public sealed record QuoteResponse(decimal Subtotal, decimal Tax, decimal Shipping, decimal Total, string Currency, string ShippingMethod, IReadOnlyList<QuoteLine> Lines);

    /// <summary>A line at the catalog's current price, with its tax (rounded per line).</summary>
    public sealed record QuoteLine(Guid ProductId, Guid? VariantId, string Sku, string Name, string? VariantName, decimal UnitPrice, int Quantity, decimal LineTotal, decimal Tax);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CartId).NotNull().NotEqual(Guid.Empty);
            RuleFor(c => c.ShippingAddress).NotNull().SetValidator(new AddressInputValidator()!);
            RuleFor(c => c.ShippingMethod).NotEmpty().MaximumLength(50);
        }
    }

    internal sealed class Handler(CartPricer pricer) : IRequestHandler<Command, Result<QuoteResponse>>
    {
        public async Task<Result<QuoteResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var priced = await pricer.PriceAsync(
                command.CartId!.Value, command.UserId, CheckoutAddress.From(command.ShippingAddress!), command.ShippingMethod!, cancellationToken);
            return priced.IsSuccess ? From(priced.Value) : priced.Error;
        }

        private static QuoteResponse From(PricedCart cart) => new(
            cart.Quote.Subtotal.Amount,
            cart.Quote.Tax.Amount,
            cart.Quote.Shipping.Amount,
            cart.Quote.Total.Amount,
            cart.Quote.Currency,
            cart.Method.Code,
            [.. cart.Quote.Lines.Select(l => new QuoteLine(l.ProductId, l.VariantId, l.Sku, l.Name, l.VariantName, l.UnitPrice.Amount, l.Quantity, l.LineTotal.Amount, l.Tax.Amount))]);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/checkout/quote", async (Command command, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                    (await mediator.Send(command with { UserId = user.UserId!.Value }, ct)).ToOk())
                .RequireUser()
                .WithName("Checkout.GetQuote")
                .WithTags(CheckoutModule.ModuleName)
                .WithSummary("Price a cart for delivery")
                .WithDescription(
                    "`{cartId, shippingAddress, shippingMethod}` → the subtotal (the catalog's current prices), shipping (free from the " +
                    "method's threshold), tax (the destination's rate — its region's, e.g. a US state, else its country's — rounded per " +
                    "line, and on shipping where it is taxed) and total, exactly as `POST /api/checkout` would charge them now. Nothing " +
                    "is reserved. Unknown cart (or another user's) 404; an empty cart or lines that cannot be sold 409 " +
                    "(`checkout.cart_empty`, `checkout.cart_has_problems` with `problems`); a method that does not ship there 400 naming `shippingMethod`.")
                .Produces<QuoteResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
