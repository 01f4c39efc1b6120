using System.Text.Json.Serialization;
using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Features.Addresses;

public static class UpdateAddress
{
    public sealed record Command(
        string? FullName,
        string? Line1,
        string? Line2,
        string? City,
        string? Region,
        string? PostalCode,
        string? Country,
        string? Phone) : IAddressInput, IRequest<Result<AddressResponse>>
    {
        [JsonIgnore]
        public Guid Id { get; init; }
    }

    internal sealed class Validator : AddressInputValidator<Command>;

    internal static readonly Error AddressNotFound = Error.NotFound("users.address_not_found", "You have no address with this id.");

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser) : IRequestHandler<Command, Result<AddressResponse>>
    {
        public async Task<Result<AddressResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            // Another user's address is "not found": its existence is not revealed.
            var address = await db.Addresses.SingleOrDefaultAsync(a => a.Id == command.Id && a.UserId == currentUser.UserId, cancellationToken);
            if (address is null)
            {
                return AddressNotFound;
            }

            address.Update(command.ToDetails());
            await db.SaveChangesAsync(cancellationToken);
            return AddressResponse.From(address);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/users/me/addresses/{id:guid}", async (Guid id, Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command with { Id = id }, ct)).ToOk())
                .RequireUser()
                .WithName("Users.UpdateAddress")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("Replace an address")
                .WithDescription("Full replace of one of the caller's addresses; another user's address id answers 404.")
                .Produces<AddressResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
