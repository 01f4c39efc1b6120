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
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Features.Profile;

public static class UpdateMe
{
    public sealed record Command(string? Name) : IRequest<Result<UserResponse>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Name).NotEmpty().WithMessage("Must not be empty.").MaximumLength(100);
    }

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<Command, Result<UserResponse>>
    {
        public async Task<Result<UserResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == currentUser.UserId, cancellationToken);
            if (user is null)
            {
                return UsersErrors.UserNotFound;
            }

            user.Rename(command.Name!, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return UserResponse.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/users/me", async (Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command, ct)).ToOk())
                .RequireUser()
                .WithName("Users.UpdateMe")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Change the signed-in user's name")
                .WithDescription("`{name}` (1–100 characters, not blank); nothing else of the account changes here. Answers the updated user.")
                .Produces<UserResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
