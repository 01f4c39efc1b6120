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

namespace ModularShop.Modules.Users.Features.Profile;

public static class GetMe
{
    public sealed record Query : IRequest<Result<UserResponse>>;

    internal sealed class Handler(UsersDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, Result<UserResponse>>
    {
        public async Task<Result<UserResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == currentUser.UserId, cancellationToken);
            return user is null ? UsersErrors.UserNotFound : UserResponse.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/users/me", async (IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Query(), ct)).ToOk())
                .RequireUser()
                .WithName("Users.GetMe")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("The signed-in user")
                .WithDescription("The account the bearer token belongs to: `{id, email, name, roles, createdAt, blocked}`. 404 when the account " +
                                 "no longer exists.")
                .Produces<UserResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
