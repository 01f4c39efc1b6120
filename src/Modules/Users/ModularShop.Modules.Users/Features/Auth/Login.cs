using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Features.Auth;

public static class Login
{
    public sealed record Command(string? Email, string? Password) : IRequest<Result<TokenResponse>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().MaximumLength(EmailAddress.MaxLength);
            RuleFor(c => c.Password).NotEmpty().MaximumLength(PasswordRules.MaxLength);
        }
    }

    /// <summary>One answer for an unknown e-mail and a wrong password, so neither reveals which accounts exist.</summary>
    internal static readonly Error InvalidCredentials =
        Error.Unauthorized("users.invalid_credentials", "The e-mail address or password is wrong.");

    private static Error Throttled(TimeSpan lockedFor) => Error.TooManyRequests(
        "users.login_throttled", "Too many failed sign-ins for this account. Wait for the time in Retry-After.", lockedFor);

    internal sealed class Handler(
        UsersDbContext db,
        Passwords passwords,
        Tokens tokens,
        LoginThrottle throttle,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, Result<TokenResponse>>
    {
        public async Task<Result<TokenResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var email = EmailAddress.Normalize(command.Email!);

            // The hashing slot first: under a flood, the requests that cannot even queue are turned away
            // before they cost a database round trip.
            using var slot = await passwords.WaitForSlotAsync(cancellationToken);
            if (!slot.IsAcquired)
            {
                return Passwords.Busy;
            }

            // Checked with the slot held, so attempts that queued in parallel see a lock set meanwhile.
            if (await throttle.LockedForAsync(email, now, cancellationToken) is { } lockedFor)
            {
                return Throttled(lockedFor);
            }

            var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken);
            var verification = passwords.Verify(user, command.Password!);
            if (user is null || verification == PasswordVerificationResult.Failed)
            {
                await throttle.RecordFailureAsync(email, now, cancellationToken);
                logger.LogInformation("Failed sign-in (known account: {Known})", user is not null);
                return InvalidCredentials;
            }

            await throttle.ResetAsync(email, cancellationToken);
            if (verification == PasswordVerificationResult.SuccessRehashNeeded)
            {
                user.ChangePasswordHash(passwords.Hash(command.Password!), now);
            }

            var response = Sessions.Issue(db, tokens, user, familyId: Guid.CreateVersion7(now), now);
            await db.SaveChangesAsync(cancellationToken);
            return response;
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/login", async (Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command, ct)).ToOk())
                .RequireRateLimiting(UsersModule.CredentialsRateLimit)
                .WithName("Users.Login")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Sign in")
                .WithDescription("Exchanges e-mail and password for an access token (a JWT, `expiresIn` seconds) and a refresh token. " +
                                 "Wrong password and unknown e-mail both answer 401. After 5 failed attempts the account is throttled " +
                                 "(429 with `Retry-After`); each client address is also rate limited (429).")
                .Produces<TokenResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
