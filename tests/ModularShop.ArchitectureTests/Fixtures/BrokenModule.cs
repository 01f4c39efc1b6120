// Deliberately broken types: the "proof that the rules bite" tests run the real rules over them, treating
// this test assembly as a module named BrokenFixture. Module discovery never sees them (it only reads
// ModularShop.Modules.* assemblies); keep them out of every real module.
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using ModularShop.BuildingBlocks.Contracts;
using ModularShop.Modules.Catalog;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Domain.Products;

namespace ModularShop.Modules.BrokenFixture.Features
{
    /// <summary>Breaks rule 1: uses Catalog's implementation (its registration class and a Domain entity).</summary>
    public sealed class ReadsCatalogInternals
    {
        public string ModuleName { get; } = new CatalogModule().Name;

        public static decimal PriceOf(Product product) => product.Price;
    }

    /// <summary>Breaks rule 1 inside a lambda: the offence must be reported under this type, not its closure class.</summary>
    public sealed class CreatesCatalogModuleInALambda
    {
        public Func<object> Factory { get; } = () => new CatalogModule();
    }

    /// <summary>Keeps rule 1: Catalog.Contracts shares Catalog's namespace as a prefix and must not be reported.</summary>
    public sealed class UsesCatalogContractsOnly(ICatalogApi catalog)
    {
        public Task<IReadOnlyList<CatalogProduct>> Products(Guid id) => catalog.GetProductsAsync([id]);
    }

    public sealed record Ping : IRequest<string>;

    /// <summary>Breaks rule 3: a public, unsealed handler.</summary>
    public class PublicHandler : IRequestHandler<Ping, string>
    {
        public Task<string> Handle(Ping request, CancellationToken cancellationToken) => Task.FromResult("pong");
    }

    /// <summary>Breaks rule 3: a public validator.</summary>
    public sealed class PublicValidator : AbstractValidator<Ping>;

    /// <summary>Breaks "only Users mints tokens": holds a signing key.</summary>
    public static class MintsTokens
    {
        public static SigningCredentials Credentials() => new(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256);
    }

    /// <summary>Breaks "SQL stays in the module's schema" once (Catalog's table), keeps it twice (own table, an error code).</summary>
    public static class WritesSql
    {
        public static string ReadsCatalog() => "SELECT id, stock FROM catalog.product_variants WHERE id = @id";

        public static string ReadsOwn() => "SELECT id FROM brokenfixture.things";

        public static string ErrorCode() => "catalog.product_not_found";
    }

    /// <summary>Breaks "a DbContext stays in its schema": one table in Catalog's schema, the history in public.</summary>
    public sealed class StraysContext() : DbContext(new DbContextOptionsBuilder<StraysContext>()
        .UseNpgsql("Host=localhost", o => o.MigrationsHistoryTable("__ef_migrations_history", "public")).Options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.HasDefaultSchema("brokenfixture");
            modelBuilder.Entity<CleanThing>().HasKey(t => t.Id);
            modelBuilder.Entity<StrayThing>().ToTable("stray_things", "catalog").HasKey(t => t.Id);
        }
    }

    public sealed class CleanThing
    {
        public Guid Id { get; set; }
    }

    public sealed class StrayThing
    {
        public Guid Id { get; set; }
    }

    /// <summary>Keeps rule 3.</summary>
    internal sealed class InternalHandler : IRequestHandler<Ping, string>
    {
        public Task<string> Handle(Ping request, CancellationToken cancellationToken) => Task.FromResult("pong");
    }
}

namespace ModularShop.Modules.BrokenFixture.Domain
{
    /// <summary>Breaks rule 4: a Domain type leaning on EF Core and MediatR.</summary>
    public sealed class LeakyOrder : INotification
    {
        public DbSet<LeakyOrder>? Siblings { get; init; }
    }

    /// <summary>Breaks rule 4 with a building block no namespace deny-list names: the web layer (allowed: the kernel only).</summary>
    public sealed class WebAwareOrder
    {
        public ModularShop.BuildingBlocks.Web.ShopOptions? Shop { get; init; }

        public ModularShop.BuildingBlocks.Kernel.Money? Total { get; init; }
    }

    /// <summary>Keeps rule 4.</summary>
    public sealed class CleanOrder
    {
        public decimal Total { get; init; }
    }
}

namespace ModularShop.Modules.BrokenFixture.Contracts
{
    /// <summary>Breaks rule 2: a Contracts type exposing a MediatR request.</summary>
    public sealed record GetThing(Guid Id) : IRequest<string>;

    /// <summary>Breaks rule 3: an integration event that is neither sealed nor immutable.</summary>
    public record MutableIntegrationEvent : IntegrationEvent
    {
        public string? Name { get; set; }
    }

    /// <summary>Keeps rules 2 and 3.</summary>
    public sealed record ThingRenamedIntegrationEvent(Guid ThingId, string Name) : IntegrationEvent;
}

namespace ModularShop.Plugins.Payments.BrokenFixture
{
    /// <summary>Breaks rule 5: a payment plugin reaching into a module.</summary>
    public sealed class ProviderUsingCatalog(ICatalogApi catalog)
    {
        public ICatalogApi Catalog { get; } = catalog;
    }
}
