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
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Auth;

public static class Logout
{
    public sealed record Command(string? RefreshToken) : IRequest<Result>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(256);
    }

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId;
            var hash = Tokens.HashRefreshToken(command.RefreshToken!);
            var now = clock.GetUtcNow();
            // Only the caller's own token; an unknown or foreign one changes nothing and reveals nothing.
            await db.RefreshTokens
                .Where(t => t.TokenHash == hash && t.UserId == userId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            return Result.Success();
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/logout", async (Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command, ct)).ToNoContent())
                .RequireUser()
                .WithName("Users.Logout")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Sign out")
                .WithDescription("Revokes the caller's refresh token, so it can no longer be exchanged. The access token stays valid " +
                                 "until it expires (at most 15 minutes by default); drop it on the client.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesValidationProblem();
    }
}
