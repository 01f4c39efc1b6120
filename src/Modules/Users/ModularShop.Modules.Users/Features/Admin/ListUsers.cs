using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Features.Admin;

public static class ListUsers
{
    public sealed record Query(int Page, int PageSize, string? Q) : IPagedQuery, IRequest<Result<PagedResult<UserResponse>>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.ValidatePaging();
            RuleFor(q => q.Q).MaximumLength(100);
        }
    }

    internal sealed class Handler(UsersDbContext db) : IRequestHandler<Query, Result<PagedResult<UserResponse>>>
    {
        public async Task<Result<PagedResult<UserResponse>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var users = db.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var pattern = "%" + EscapeLike(query.Q.Trim()) + "%";
                users = users.Where(u => EF.Functions.ILike(u.Email, pattern, "\\") || EF.Functions.ILike(u.Name, pattern, "\\"));
            }

            return await users
                .OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id)
                .Select(u => new UserResponse(u.Id, u.Email, u.Name, u.Roles, u.CreatedAt, u.BlockedAt != null))
                .ToPagedResultAsync(query, cancellationToken);
        }

        private static string EscapeLike(string text) =>
            text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/admin/users", async (IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize, string? q = null) =>
                    (await mediator.Send(new Query(page, pageSize, q), ct)).ToOk())
                .RequireAdmin()
                .WithName("Users.ListUsers")
                .WithTags(UsersModule.ModuleName)
                .WithSummary("List users (admin)")
                .WithDescription("Newest first. `q` matches part of the e-mail address or the name, case-insensitively.")
                .Produces<PagedResult<UserResponse>>()
                .ProducesValidationProblem();
    }
}
