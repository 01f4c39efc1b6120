using System.Security.Claims;
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
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Auth;

public static class Logout
{
    public sealed record Command(string? RefreshToken) : IRequest<Result>
    {
        /// <summary>The session of the access token the request came with (its <c>sid</c>).</summary>
        [JsonIgnore]
        public Guid? SessionId { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(256);
    }

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser, SessionValidator sessions, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId!.Value;
            var hash = Tokens.HashRefreshToken(command.RefreshToken!);
            var now = clock.GetUtcNow();
            var sessionId = command.SessionId ?? Guid.Empty;
            // Ends the session of the refresh token (only if it is the caller's own: a foreign or unknown one changes
            // nothing and reveals nothing) and the session of the access token used to sign out: every refresh
            // token of those families is revoked, and their access tokens are refused from now on.
            await db.RefreshTokens
                .Where(t => t.UserId == userId && t.RevokedAt == null
                            && (t.FamilyId == sessionId || db.RefreshTokens.Any(r => r.TokenHash == hash && r.UserId == userId && r.FamilyId == t.FamilyId)))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            sessions.Forget(userId);
            return Result.Success();
        }
    }

    private static Guid? SessionOf(ClaimsPrincipal user) =>
        Guid.TryParseExact(user.FindFirstValue(ClaimNames.SessionId), "N", out var id) ? id : null;

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/logout", async (Command command, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command with { SessionId = SessionOf(user) }, ct)).ToNoContent())
                .RequireUser()
                .WithName("Users.Logout")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Sign out")
                .WithDescription("Ends the session: the refresh token sent (if it is the caller's) and every refresh token of its sign-in " +
                                 "are revoked, and the access tokens of that session — including the one this request carries — are " +
                                 "refused from now on (401). Other sessions of the same user (other devices) stay signed in.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesValidationProblem();
    }
}
