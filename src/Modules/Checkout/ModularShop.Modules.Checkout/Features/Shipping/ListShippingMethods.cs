using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Checkout.Domain;

namespace ModularShop.Modules.Checkout.Features.Shipping;

public static class ListShippingMethods
{
    public sealed record Query(string? Country) : IRequest<Result<IReadOnlyList<ShippingMethodResponse>>>;

    /// <summary>A shipping method: <c>price</c> before any free-over threshold, <c>freeOver</c> the subtotal from which it is free.</summary>
    public sealed record ShippingMethodResponse(string Code, string Name, decimal Price, int EstimatedDays, decimal? FreeOver, string Currency);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Country).Matches("^[A-Za-z]{2}$").WithMessage("Must be an ISO 3166-1 alpha-2 country code, e.g. \"US\".");
    }

    internal sealed class Handler(CheckoutRules rules) : IRequestHandler<Query, Result<IReadOnlyList<ShippingMethodResponse>>>
    {
        public Task<Result<IReadOnlyList<ShippingMethodResponse>>> Handle(Query query, CancellationToken cancellationToken) =>
            Task.FromResult<Result<IReadOnlyList<ShippingMethodResponse>>>(
                rules.MethodsFor(query.Country?.ToUpperInvariant())
                    .Select(m => new ShippingMethodResponse(m.Code, m.Name, m.Price.Amount, m.EstimatedDays, m.FreeOver?.Amount, m.Price.Currency))
                    .ToList());
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/checkout/shipping-methods", async (string? country, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Query(country), ct)).ToOk())
                .WithName("Checkout.ListShippingMethods")
                .WithTags(CheckoutModule.ModuleName)
                .WithSummary("List shipping methods")
                .WithDescription(
                    "The shop's shipping methods (`Checkout:ShippingMethods`), those that ship to `country` (ISO 3166-1 alpha-2) when " +
                    "it is given. `price` is charged unless the subtotal reaches `freeOver`; `estimatedDays` is the longest delivery " +
                    "time in business days. The quote (`POST /api/checkout/quote`) gives the exact figures for a cart.")
                .Produces<IReadOnlyList<ShippingMethodResponse>>()
                .ProducesValidationProblem();
    }
}
