using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Caching;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Catalog.Features.Stock;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Products;

/// <summary>DELETE archives: the product disappears from public reads but stays for orders that refer to it.</summary>
public static class ArchiveProduct
{
    public sealed record Command(Guid Id, long? ExpectedVersion) : IRequest<Result>;

    internal sealed class Handler(CatalogDbContext db, StockLevels stock, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            await stock.LockProductsAsync([command.Id], cancellationToken); // the lock order of every stock change
            var product = await db.Products.Include(p => p.Variants)
                .SingleOrDefaultAsync(p => p.Id == command.Id && p.ArchivedAt == null, cancellationToken);
            if (product is null)
            {
                return CatalogErrors.ProductNotFound;
            }

            if (!product.IsAtVersion(command.ExpectedVersion))
            {
                return Error.StaleVersion(product.Version);
            }

            var now = clock.GetUtcNow();
            product.Archive(now);
            db.Publish(ProductEvents.Archived(product, now));
            await db.SaveChangesAsync(cancellationToken);
            db.Publish(ProductEvents.Updated(product, (await stock.ReadAsync([product.Id], cancellationToken))[product.Id], now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            return Result.Success();
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/admin/catalog/products/{id:guid}", async (Guid id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                    request.TryGetExpectedVersion(out var version, out var problem)
                        ? (await mediator.Send(new Command(id, version), ct)).ToNoContent()
                        : problem!)
                .RequireAdmin()
                .EvictsOutputCache(CatalogModule.CacheTag)
                .WithName("Catalog.ArchiveProduct")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Archive a product")
                .WithDescription("Archives the product: public reads answer 404 from now on, orders keep referring to it. `If-Match` is honoured.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
