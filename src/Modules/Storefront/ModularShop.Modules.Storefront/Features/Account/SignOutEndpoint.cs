using Carter;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.Modules.Storefront.Security;
using ModularShop.Modules.Storefront.Session;

namespace ModularShop.Modules.Storefront.Features.Account;

/// <summary>Sign-out: ends the session in Users (so the cookie is dead everywhere) and removes the cookie.</summary>
public sealed class SignOutEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/account/signout", async (AccountFlow account, CancellationToken ct) =>
            {
                await account.EndSessionAsync(ct);
                return Results.Redirect("/");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .RequireSameOrigin()
            .ExcludeFromDescription();
}
