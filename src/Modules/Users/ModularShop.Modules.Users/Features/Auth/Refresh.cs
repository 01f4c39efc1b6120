using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Auth;

public static class Refresh
{
    public sealed record Command(string? RefreshToken) : IRequest<Result<TokenResponse>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(256);
    }

    internal static readonly Error InvalidToken =
        Error.Unauthorized("users.invalid_refresh_token", "The refresh token is unknown or expired. Sign in again.");

    internal static readonly Error ReusedToken =
        Error.Unauthorized("users.refresh_token_reused",
            "This refresh token was already used or revoked. Every session started from the same sign-in has been signed out; sign in again.");

    internal static readonly Error AccountBlocked =
        Error.Unauthorized("users.account_blocked", "The account is blocked. Contact the shop.");

    internal sealed class Handler(UsersDbContext db, Tokens tokens, SessionValidator sessions, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, Result<TokenResponse>>
    {
        public async Task<Result<TokenResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var hash = Tokens.HashRefreshToken(command.RefreshToken!);
            var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
            if (token is null)
            {
                return InvalidToken;
            }

            if (token.IsSpent)
            {
                // Blocking revokes every refresh token; that is not a sign of theft.
                if (await db.Users.AnyAsync(u => u.Id == token.UserId && u.BlockedAt != null, cancellationToken))
                {
                    return AccountBlocked;
                }

                return await RevokeFamilyAsync(token.FamilyId, token.UserId, now, cancellationToken);
            }

            if (token.IsExpired(now))
            {
                return InvalidToken;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockFamilyAsync(token.FamilyId, cancellationToken);
            // Use the token up atomically: of two parallel refreshes with one token, only one wins.
            var claimed = await db.RefreshTokens
                .Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await RevokeFamilyAsync(token.FamilyId, token.UserId, now, cancellationToken);
            }

            // A sign-out or a block that ran while this refresh was in flight revoked the family's rows it could see,
            // not the one this refresh is about to insert: a family with any revoked row is ended for good.
            if (await db.RefreshTokens.AnyAsync(t => t.FamilyId == token.FamilyId && t.RevokedAt != null, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return InvalidToken;
            }

            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
            if (user is null)
            {
                return InvalidToken;
            }

            if (user.IsBlocked)
            {
                return AccountBlocked;
            }

            var response = Sessions.Issue(db, tokens, user, token.FamilyId, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }

        private async Task<Error> RevokeFamilyAsync(Guid familyId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
        {
            // Under the family's lock, so a token minted by a refresh still in flight is revoked too.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LockFamilyAsync(familyId, cancellationToken);
            var revoked = await db.RefreshTokens
                .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sessions.Forget(userId);
            logger.LogWarning("Refresh token reuse for user {UserId}: revoked {Count} token(s) of its family", userId, revoked);
            return ReusedToken;
        }
    }

    /// <summary>Serialises refreshes and revocations of one token family (transaction-scoped advisory lock).</summary>
    private static async Task LockFamilyAsync(this UsersDbContext db, Guid familyId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({familyId.ToString()}, 0))", cancellationToken);

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/refresh", async (Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command, ct)).ToOk())
                .WithName("Users.Refresh")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Renew the access token")
                .WithDescription("Exchanges a refresh token for a new access token and a new refresh token; the one sent is used up. " +
                                 "Sending a used or revoked refresh token again answers 401 and signs out every session of that sign-in " +
                                 "(reuse detection): their access tokens are refused from then on too. Unknown or expired tokens and blocked " +
                                 "accounts answer 401. The new access token carries the user's current roles.")
                .Produces<TokenResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
