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

public static class DeleteAddress
{
    public sealed record Command(Guid Id) : IRequest<Result>;

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var deleted = await db.Addresses
                .Where(a => a.Id == command.Id && a.UserId == currentUser.UserId)
                .ExecuteDeleteAsync(cancellationToken);
            return deleted == 0 ? UpdateAddress.AddressNotFound : Result.Success();
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/users/me/addresses/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Command(id), ct)).ToNoContent())
                .RequireUser()
                .WithName("Users.DeleteAddress")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Delete an address")
                .WithDescription("Deletes one of the signed-in user's addresses. Another user's address answers 404, like an unknown id.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
