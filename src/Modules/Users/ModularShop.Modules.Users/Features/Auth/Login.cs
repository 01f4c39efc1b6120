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

    internal sealed class Handler(UsersDbContext db, Credentials credentials, Tokens tokens, TimeProvider clock)
        : IRequestHandler<Command, Result<TokenResponse>>
    {
        public async Task<Result<TokenResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var verified = await credentials.VerifyAsync(command.Email!, command.Password!, command.Client, now, cancellationToken);
            if (!verified.IsSuccess)
            {
                return verified.Error;
            }

            var response = Sessions.Issue(db, tokens, verified.Value, familyId: Guid.CreateVersion7(now), now);
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
