using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Stock;

/// <summary>Calls <see cref="ICatalogApi"/> as another module does (a scope of its own per call), and reads stock straight from the database.</summary>
internal static class StockTestHelpers
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<T> CatalogAsync<T>(this ShopFactory factory, Func<ICatalogApi, Task<T>> call)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<ICatalogApi>());
    }

    public static Task<Result<StockReservation>> ReserveAsync(
        this ShopFactory factory, Guid reservationId, DateTimeOffset expiresAt, params StockReservationLine[] lines) =>
        factory.CatalogAsync(api => api.ReserveAsync(reservationId, lines, expiresAt, Ct));

    public static Task<Result<StockReservation>> ReserveAsync(this ShopFactory factory, params StockReservationLine[] lines) =>
        factory.ReserveAsync(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(15), lines);

    public static StockReservation Reserved(this Result<StockReservation> result)
    {
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Status.ShouldBe(StockReservationStatus.Reserved, string.Join("; ", result.Value.Shortfalls));
        return result.Value;
    }

    /// <summary>A variant's stock as stored (the product's own when <paramref name="variantId"/> is null).</summary>
    public static Task<int> StockAsync(this ShopFactory factory, Guid productId, Guid? variantId = null) =>
        variantId is null
            ? factory.ScalarAsync<int>("SELECT stock FROM catalog.products WHERE id = $1", productId)
            : factory.ScalarAsync<int>("SELECT stock FROM catalog.product_variants WHERE id = $1", variantId.Value);

    /// <summary>Every product's stock is the sum of its variants' (products with variants), and none is negative.</summary>
    public static async Task StockIsConsistentAsync(this ShopFactory factory)
    {
        (await factory.ScalarAsync<long>(
            """
            SELECT count(*) FROM catalog.products p
            WHERE p.stock < 0
               OR (EXISTS (SELECT 1 FROM catalog.product_variants v WHERE v.product_id = p.id)
                   AND p.stock <> (SELECT sum(v.stock) FROM catalog.product_variants v WHERE v.product_id = p.id))
            """)).ShouldBe(0, "a product's stock must be the sum of its variants', never negative");
        (await factory.ScalarAsync<long>("SELECT count(*) FROM catalog.product_variants WHERE stock < 0")).ShouldBe(0);
    }

    public static async Task<T> ScalarAsync<T>(this ShopFactory factory, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(Ct);
        return value is null or DBNull ? default! : (T)value;
    }
}
