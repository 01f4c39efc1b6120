using System.Text.Json.Serialization;
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
    public sealed record Command(string? Email, string? Password) : IRequest<Result<TokenResponse>>
    {
        /// <summary>The client's address (<see cref="RateLimitingSetup.ClientAddress"/>): lock-outs count per e-mail and address.</summary>
        [JsonIgnore]
        public string Client { get; init; } = "unknown";
    }

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

    internal static readonly Error AccountBlocked =
        Error.Forbidden("users.account_blocked", "The account is blocked. Contact the shop.");

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
            if (await throttle.LockedForAsync(email, command.Client, now, cancellationToken) is { } lockedFor)
            {
                return Throttled(lockedFor);
            }

            var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken);
            var verification = passwords.Verify(user, command.Password!);
            if (user is null || verification == PasswordVerificationResult.Failed)
            {
                await throttle.RecordFailureAsync(email, command.Client, now, cancellationToken);
                logger.LogInformation("Failed sign-in (known account: {Known})", user is not null);
                return InvalidCredentials;
            }

            await throttle.ResetAsync(email, command.Client, cancellationToken);
            if (user.IsBlocked)
            {
                // Said only to someone who knows the password: it reveals nothing to a guesser.
                return AccountBlocked;
            }

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
            app.MapPost("/api/users/login", async (Command command, HttpContext http, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command with { Client = RateLimitingSetup.ClientAddress(http) }, ct)).ToOk())
                .RequireRateLimiting(UsersModule.CredentialsRateLimit)
                .WithName("Users.Login")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Sign in")
                .WithDescription("Exchanges e-mail and password for an access token (a JWT, `expiresIn` seconds) and a refresh token. " +
                                 "Wrong password and unknown e-mail both answer 401. By default (`Users:Lockout:*`), after 5 failed attempts for one account from one client " +
                                 "address, that address is locked out of that account for 15 minutes (429 with `Retry-After`) — other " +
                                 "addresses, the owner's among them, are not; after 50 from all addresses together the account is locked " +
                                 "for everyone for 15 minutes. Each client address is also rate limited (429). A blocked account answers " +
                                 "403 `users.account_blocked` (only to the right password).")
                .Produces<TokenResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
