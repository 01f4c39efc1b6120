using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.Security;
using Npgsql;

namespace ModularShop.Modules.Users.Features.Auth;

public static class Register
{
    /// <summary>Only these fields are read: anything else in the body (e.g. <c>roles</c>) is ignored.</summary>
    public sealed record Command(string? Email, string? Password, string? Name) : IRequest<Result<UserResponse>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.Password).ValidPassword();
            RuleFor(c => c.Name).NotEmpty().WithMessage("Must not be empty.").MaximumLength(100);
        }
    }

    internal sealed class Handler(UsersDbContext db, Passwords passwords, TimeProvider clock) : IRequestHandler<Command, Result<UserResponse>>
    {
        public async Task<Result<UserResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var normalized = EmailAddress.Normalize(command.Email!);
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
            {
                return EmailTaken;
            }

            using var slot = await passwords.WaitForSlotAsync(cancellationToken);
            if (!slot.IsAcquired)
            {
                return Passwords.Busy;
            }

            var user = User.Register(command.Email!, command.Name!, passwords.Hash(command.Password!), clock.GetUtcNow());
            db.Users.Add(user);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two parallel registrations of one e-mail: the unique index turns the loser into the same 409 as above.
                return EmailTaken;
            }

            return UserResponse.From(user);
        }
    }

    internal static readonly Error EmailTaken = Error.Conflict("users.email_taken", "An account with this e-mail address already exists.");

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/register", async (Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command, ct)).ToCreated(_ => "/api/users/me"))
                .RequireRateLimiting(UsersModule.CredentialsRateLimit)
                .WithIdempotency<UsersDbContext>()
                .WithName("Users.Register")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Create an account")
                .WithDescription("Creates a customer account. `password`: 8–128 characters with at least one letter and one digit. " +
                                 "The e-mail address is unique regardless of letter case (409). Other fields in the body are ignored. " +
                                 "Sign in afterwards with `POST /api/users/login`.")
                .Produces<UserResponse>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
