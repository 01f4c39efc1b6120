using MediatR;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Checkout.Contracts;
using ModularShop.Modules.Checkout.Features.Placement;
using ModularShop.Modules.Checkout.Features.Quotes;
using ModularShop.Modules.Checkout.Features.Shared;
using ModularShop.Modules.Checkout.Features.Shipping;

namespace ModularShop.Modules.Checkout.PublicApi;

/// <summary><see cref="ICheckoutApi"/>: the REST endpoints' commands, sent through MediatR with the acting user.</summary>
internal sealed class CheckoutApi(IMediator mediator) : ICheckoutApi
{
    public async Task<Result<IReadOnlyList<CheckoutShippingOption>>> ListShippingMethodsAsync(string? country, CancellationToken cancellationToken = default)
    {
        var methods = await mediator.Send(new ListShippingMethods.Query(country), cancellationToken);
        return methods.IsSuccess
            ? Result<IReadOnlyList<CheckoutShippingOption>>.Success([.. methods.Value.Select(m => new CheckoutShippingOption(
                m.Code, m.Name, Money.Of(m.Price, m.Currency), m.EstimatedDays, m.FreeOver is { } over ? Money.Of(over, m.Currency) : null))])
            : methods.Error;
    }

    public async Task<Result<CheckoutQuote>> QuoteAsync(
        Guid userId, Guid cartId, PostalAddress shippingAddress, string shippingMethod, CancellationToken cancellationToken = default)
    {
        var quote = await mediator.Send(new GetQuote.Command(cartId, Input(shippingAddress), shippingMethod) { UserId = userId }, cancellationToken);
        if (!quote.IsSuccess)
        {
            return quote.Error;
        }

        var q = quote.Value;
        return new CheckoutQuote(Money.Of(q.Subtotal, q.Currency), Money.Of(q.Tax, q.Currency), Money.Of(q.Shipping, q.Currency), Money.Of(q.Total, q.Currency), q.ShippingMethod);
    }

    public async Task<Result<CheckoutPlacement>> PlaceAsync(Guid userId, string idempotencyKey, CheckoutOrder order, CancellationToken cancellationToken = default)
    {
        var placed = await mediator.Send(
            new PlaceOrder.Command(
                order.CartId,
                Input(order.ShippingAddress),
                order.BillingAddress is null ? null : Input(order.BillingAddress),
                order.ShippingMethod,
                new PlaceOrder.PaymentInput(order.PaymentProvider, order.PaymentDetails.ToDictionary(d => d.Key, d => d.Value)))
            {
                UserId = userId,
                IdempotencyKey = idempotencyKey,
                BaseUrl = order.ActionBaseUrl,
            },
            cancellationToken);
        if (!placed.IsSuccess)
        {
            return placed.Error;
        }

        var o = placed.Value;
        return new CheckoutPlacement(
            o.Id,
            o.OrderNumber,
            o.Status,
            Money.Of(o.Total, o.Currency),
            o.Payment.NextAction is { } next ? new CheckoutNextAction(next.Type, next.Url) : null);
    }

    private static AddressInput Input(PostalAddress a) => new(a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone);
}
