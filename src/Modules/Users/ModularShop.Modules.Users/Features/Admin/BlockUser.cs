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

public static class BlockUser
{
    public sealed record Command(Guid Id) : IRequest<Result<UserResponse>>;

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser, SessionValidator sessions, TimeProvider clock)
        : IRequestHandler<Command, Result<UserResponse>>
    {
        public async Task<Result<UserResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Id == currentUser.UserId)
            {
                return Error.Conflict("users.cannot_block_self", "You cannot block your own account; ask another admin.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockAdminChangesAsync(cancellationToken);
            if (!await db.IsCurrentAdminAsync(currentUser.UserId, cancellationToken))
            {
                return Error.Forbidden("users.not_admin", "Only a current admin can block users.");
            }

            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken);
            if (user is null)
            {
                return UsersErrors.UserNotFound;
            }

            if (!user.IsBlocked && user.Roles.Contains(UserRoles.Admin) && !await db.HasAnotherActiveAdminAsync(user.Id, cancellationToken))
            {
                return Error.Conflict("users.last_admin", "This is the last admin; appoint another admin first.");
            }

            var now = clock.GetUtcNow();
            user.Block(now);
            await db.SaveChangesAsync(cancellationToken);
            // Every session ends: no refresh token of the user can be exchanged any more.
            await db.RefreshTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sessions.Forget(user.Id);
            return UserResponse.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/admin/users/{id:guid}/block", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Command(id), ct)).ToOk())
                .RequireAdmin()
                .WithName("Users.BlockUser")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Block a user (admin)")
                .WithDescription("Blocks the account: every session ends at once (access tokens answer 401, refresh tokens are revoked) " +
                                 "and signing in answers 403 `users.account_blocked`. Blocking a blocked user changes nothing. An admin " +
                                 "cannot block themselves, nor the last admin who is not blocked (409).")
                .Produces<UserResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
