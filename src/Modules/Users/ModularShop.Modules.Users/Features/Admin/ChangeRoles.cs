using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Admin;

public static class ChangeRoles
{
    public sealed record Command(IReadOnlyList<string>? Roles) : IRequest<Result<UserResponse>>
    {
        [JsonIgnore]
        public Guid Id { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Roles).NotEmpty().WithMessage("Must name at least one role.")
                .MaxItems(10).WithMessage("Too many roles.");
            RuleForEach(c => c.Roles)
                .Must(r => r is not null && UserRoles.Known.Contains(r.Trim().ToLowerInvariant()))
                .WithMessage($"Must be one of: {string.Join(", ", UserRoles.Known)}.");
        }
    }

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser, SessionValidator sessions, TimeProvider clock) : IRequestHandler<Command, Result<UserResponse>>
    {
        public async Task<Result<UserResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.IsCurrentAdminAsync(currentUser.UserId, cancellationToken))
            {
                return Error.Forbidden("users.not_admin", "Only a current admin can change roles.");
            }

            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken);
            if (user is null)
            {
                return UsersErrors.UserNotFound;
            }

            var roles = UserRoles.Canonical(command.Roles!);
            if (user.Id == currentUser.UserId && !roles.Contains(UserRoles.Admin))
            {
                return Error.Conflict("users.cannot_demote_self", "You cannot remove your own admin role; ask another admin.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockAdminChangesAsync(cancellationToken);
            if (user.Roles.Contains(UserRoles.Admin) && !roles.Contains(UserRoles.Admin)
                && !await db.HasAnotherActiveAdminAsync(user.Id, cancellationToken))
            {
                return Error.Conflict("users.last_admin", "This is the last admin; appoint another admin first.");
            }

            user.SetRoles(roles, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sessions.Forget(user.Id);
            return UserResponse.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/admin/users/{id:guid}/roles", async (Guid id, Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command with { Id = id }, ct)).ToOk())
                .RequireAdmin()
                .WithName("Users.ChangeRoles")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Set a user's roles (admin)")
                .WithDescription("Replaces the user's roles (`admin`, `customer`). The user's access tokens issued before the change stop working at " +
                                 "once (401: refresh to get a token with the new roles). An admin cannot remove their own admin role (409), nor " +
                                 "the last admin's.")
                .Produces<UserResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
