using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Admin;

public static class UnblockUser
{
    public sealed record Command(Guid Id) : IRequest<Result<UserResponse>>;

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser, SessionValidator sessions, TimeProvider clock)
        : IRequestHandler<Command, Result<UserResponse>>
    {
        public async Task<Result<UserResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            // As for blocking: only a current, unblocked admin, and never oneself.
            if (command.Id == currentUser.UserId || !await db.IsCurrentAdminAsync(currentUser.UserId, cancellationToken))
            {
                return Error.Forbidden("users.not_admin", "Only a current admin can unblock users, and not themselves.");
            }

            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken);
            if (user is null)
            {
                return UsersErrors.UserNotFound;
            }

            user.Unblock(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            sessions.Forget(user.Id);
            return UserResponse.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/admin/users/{id:guid}/unblock", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Command(id), ct)).ToOk())
                .RequireAdmin()
                .WithName("Users.UnblockUser")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Unblock a user (admin)")
                .WithDescription("Lets the user sign in again. Sessions ended by the block stay ended: the user signs in anew.")
                .Produces<UserResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
