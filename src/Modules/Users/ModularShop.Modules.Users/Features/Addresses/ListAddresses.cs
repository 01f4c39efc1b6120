using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Features.Addresses;

public static class ListAddresses
{
    public sealed record Query : IRequest<Result<IReadOnlyList<AddressResponse>>>;

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, Result<IReadOnlyList<AddressResponse>>>
    {
        public async Task<Result<IReadOnlyList<AddressResponse>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var addresses = await db.Addresses.AsNoTracking()
                .Where(a => a.UserId == currentUser.UserId)
                .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .ToListAsync(cancellationToken);
            return addresses.Select(AddressResponse.From).ToList();
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/users/me/addresses", async (IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Query(), ct)).ToOk())
                .RequireUser()
                .WithName("Users.ListAddresses")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("The signed-in user's address book")
                .WithDescription("Every address of the signed-in user, oldest first; nobody sees another user's addresses.")
                .Produces<IReadOnlyList<AddressResponse>>();
    }
}
