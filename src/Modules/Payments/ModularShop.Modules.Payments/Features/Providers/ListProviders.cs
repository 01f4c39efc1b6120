using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.Modules.Payments.Providers;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Features.Providers;

public static class ListProviders
{
    public sealed record Query : IRequest<IReadOnlyList<ProviderResponse>>;

    /// <param name="Code">Send it as <c>payment.provider</c> at checkout.</param>
    /// <param name="Kind"><c>card</c>, <c>redirect</c> or <c>offline</c>.</param>
    public sealed record ProviderResponse(string Code, string Name, string Kind, bool TestMode);

    internal sealed class Handler(PaymentProviders providers) : IRequestHandler<Query, IReadOnlyList<ProviderResponse>>
    {
        public Task<IReadOnlyList<ProviderResponse>> Handle(Query query, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ProviderResponse>>(providers.All
                .OrderBy(p => p.Code, StringComparer.Ordinal)
                .Select(p => new ProviderResponse(p.Code, p.DisplayName, KindName(p.Kind), p.TestMode))
                .ToList());

    }

    internal static string KindName(PaymentProviderKind kind) => kind switch
    {
        PaymentProviderKind.Redirect => "redirect",
        PaymentProviderKind.Offline => "offline",
        _ => "card",
    };

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet($"{PaymentRoutes.Payments}/providers", async (IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new Query(), ct)))
                .AllowAnonymous()
                .WithName("Payments.ListProviders")
                .WithTags(PaymentsModule.ModuleName)
                .WithSummary("List payment providers")
                .WithDescription(
                    "Every enabled payment provider, built in or plugin: its `code` (what checkout's `payment.provider` takes), " +
                    "display `name`, `kind` (`card`: details entered in the shop; `redirect`: the shopper goes to the provider; " +
                    "`offline`: paid outside the shop) and whether it is in `testMode` (no real money moves).")
                .Produces<IReadOnlyList<ProviderResponse>>();
    }
}
