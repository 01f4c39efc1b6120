using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Features.Addresses;

public static class AddAddress
{
    public sealed record Command(
        string? FullName,
        string? Line1,
        string? Line2,
        string? City,
        string? Region,
        string? PostalCode,
        string? Country,
        string? Phone) : IAddressInput, IRequest<Result<AddressResponse>>;

    internal sealed class Validator : AddressInputValidator<Command>;

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<Command, Result<AddressResponse>>
    {
        public async Task<Result<AddressResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId!.Value;
            // Joins the Idempotency-Key transaction when there is one (the address and the response commit together).
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            // The user's row lock serialises parallel adds, so the cap holds.
            var users = await db.Database
                .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM users.users WHERE id = {userId} FOR UPDATE")
                .ToListAsync(cancellationToken);
            if (users.Count == 0)
            {
                return UsersErrors.UserNotFound;
            }

            if (await db.Addresses.CountAsync(a => a.UserId == userId, cancellationToken) >= AddressLimits.PerUser)
            {
                return Error.Conflict("users.address_book_full", $"An address book holds at most {AddressLimits.PerUser} addresses. Delete one first.");
            }

            var address = Address.Create(userId, command.ToDetails(), clock.GetUtcNow());
            db.Addresses.Add(address);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return AddressResponse.From(address);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/me/addresses", async (Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command, ct)).ToCreated(a => $"/api/users/me/addresses/{a.Id}"))
                .RequireUser()
                .WithIdempotency<UsersDbContext>()
                .WithName("Users.AddAddress")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Add an address")
                .WithDescription("`country` is an ISO 3166-1 alpha-2 code (stored in upper case). At most 20 addresses per user (409).")
                .Produces<AddressResponse>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
