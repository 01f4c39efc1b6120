using System.Net;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Tests.Http;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Stock;

/// <summary>ICatalogApi's reservations for checkout, against real PostgreSQL, with truly parallel callers.</summary>
public sealed class StockReservationTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CatalogDriver _catalog = new(factory);

    [Fact]
    public async Task Fifty_parallel_single_unit_reservations_of_a_variant_holding_5_hold_exactly_5_and_leave_0()
    {
        var product = await VariantProductAsync(5, 3);
        var variant = product.Variants[0].Id;
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync(StockTestHelpers.Ct);
            return await factory.ReserveAsync(new StockReservationLine(product.Id, variant, 1));
        })).ToList();
        start.Release(50);
        var results = await Task.WhenAll(attempts);

        results.ShouldAllBe(r => r.IsSuccess);
        results.Count(r => r.Value.Status == StockReservationStatus.Reserved).ShouldBe(5);
        var refused = results.Where(r => r.Value.Status == StockReservationStatus.Refused).ToList();
        refused.Count.ShouldBe(45);
        refused.ShouldAllBe(r => r.Value.Shortfalls.Single().Reason == StockShortfallReason.InsufficientStock && r.Value.Shortfalls.Single().Available == 0);
        (await factory.StockAsync(product.Id, variant)).ShouldBe(0);
        (await factory.StockAsync(product.Id)).ShouldBe(3, "the product's stock is the sum of its variants'");
        await factory.StockIsConsistentAsync();
    }

    [Fact]
    public async Task A_reservation_over_two_variants_where_one_lacks_stock_holds_nothing_and_names_that_line()
    {
        var product = await VariantProductAsync(5, 1);
        var (plenty, scarce) = (product.Variants[0].Id, product.Variants[1].Id);

        var result = await factory.ReserveAsync(
            new StockReservationLine(product.Id, plenty, 2),
            new StockReservationLine(product.Id, scarce, 2));

        result.Value.Status.ShouldBe(StockReservationStatus.Refused);
        result.Value.Shortfalls.ShouldBe([new StockShortfall(product.Id, scarce, 2, 1, StockShortfallReason.InsufficientStock)]);
        (await factory.StockAsync(product.Id, plenty)).ShouldBe(5);
        (await factory.StockAsync(product.Id, scarce)).ShouldBe(1);
        (await factory.StockAsync(product.Id)).ShouldBe(6);
    }

    [Fact]
    public async Task Releasing_twice_returns_the_units_once()
    {
        var product = await VariantProductAsync(5);
        var variant = product.Variants[0].Id;
        var reservation = (await factory.ReserveAsync(new StockReservationLine(product.Id, variant, 2))).Reserved();
        (await factory.StockAsync(product.Id, variant)).ShouldBe(3);

        var first = await factory.CatalogAsync(api => api.ReleaseAsync(reservation.Id, StockTestHelpers.Ct));
        var second = await factory.CatalogAsync(api => api.ReleaseAsync(reservation.Id, StockTestHelpers.Ct));

        first.Value.Status.ShouldBe(StockReservationStatus.Released);
        second.Value.Status.ShouldBe(StockReservationStatus.Released);
        (await factory.StockAsync(product.Id, variant)).ShouldBe(5);
        (await factory.StockAsync(product.Id)).ShouldBe(5);
    }

    [Fact]
    public async Task Ten_parallel_releases_of_one_reservation_return_its_units_once()
    {
        var product = await VariantProductAsync(10);
        var variant = product.Variants[0].Id;
        var reservation = (await factory.ReserveAsync(new StockReservationLine(product.Id, variant, 4))).Reserved();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            factory.CatalogAsync(api => api.ReleaseAsync(reservation.Id, StockTestHelpers.Ct)))));

        (await factory.StockAsync(product.Id, variant)).ShouldBe(10);
    }

    [Fact]
    public async Task A_repeated_reserve_answers_its_first_outcome_and_holds_the_units_once_also_in_parallel()
    {
        var product = await VariantProductAsync(10);
        var variant = product.Variants[0].Id;
        var id = Guid.NewGuid();
        var expires = DateTimeOffset.UtcNow.AddMinutes(15);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            factory.ReserveAsync(id, expires, new StockReservationLine(product.Id, variant, 3)))));

        results.ShouldAllBe(r => r.IsSuccess && r.Value.Status == StockReservationStatus.Reserved && r.Value.Id == id);
        (await factory.StockAsync(product.Id, variant)).ShouldBe(7);

        var otherLines = await factory.ReserveAsync(id, expires, new StockReservationLine(product.Id, variant, 4));
        otherLines.IsSuccess.ShouldBeFalse();
        otherLines.Error!.Code.ShouldBe("catalog.reservation_mismatch");
        (await factory.StockAsync(product.Id, variant)).ShouldBe(7);
    }

    [Fact]
    public async Task A_refused_reservation_stays_refused_when_repeated_after_a_restock()
    {
        var product = await VariantProductAsync(2);
        var variant = product.Variants[0].Id;
        var id = Guid.NewGuid();
        var expires = DateTimeOffset.UtcNow.AddMinutes(15);

        (await factory.ReserveAsync(id, expires, new StockReservationLine(product.Id, variant, 3))).Value.Status.ShouldBe(StockReservationStatus.Refused);
        (await _catalog.SetVariantStockAsync(product.Id, variant, 20)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var repeated = await factory.ReserveAsync(id, expires, new StockReservationLine(product.Id, variant, 3));

        repeated.Value.Status.ShouldBe(StockReservationStatus.Refused, "a repeat answers the first outcome; a new attempt needs a new id");
        (await factory.StockAsync(product.Id, variant)).ShouldBe(20);
    }

    [Fact]
    public async Task Archived_unknown_and_wrongly_addressed_lines_are_refused_by_name()
    {
        var archived = await VariantProductAsync(5);
        (await _catalog.ArchiveProductAsync(archived.Id)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var withVariants = await VariantProductAsync(5);
        var other = await VariantProductAsync(5);
        var unknown = Guid.NewGuid();

        var result = await factory.ReserveAsync(
            new StockReservationLine(archived.Id, archived.Variants[0].Id, 1),
            new StockReservationLine(unknown, null, 1),
            new StockReservationLine(withVariants.Id, null, 1),
            new StockReservationLine(withVariants.Id, other.Variants[0].Id, 1));

        result.Value.Status.ShouldBe(StockReservationStatus.Refused);
        result.Value.Shortfalls.ShouldBe(
            [
                new StockShortfall(archived.Id, archived.Variants[0].Id, 1, 5, StockShortfallReason.Unavailable),
                new StockShortfall(unknown, null, 1, 0, StockShortfallReason.NotFound),
                new StockShortfall(withVariants.Id, null, 1, 5, StockShortfallReason.Unavailable),
                new StockShortfall(withVariants.Id, other.Variants[0].Id, 1, 0, StockShortfallReason.NotFound),
            ],
            ignoreOrder: true);
        (await factory.StockAsync(archived.Id, archived.Variants[0].Id)).ShouldBe(5);
        (await factory.StockAsync(other.Id, other.Variants[0].Id)).ShouldBe(5);
    }

    [Fact]
    public async Task A_product_without_variants_is_reserved_by_its_own_stock_and_repeated_lines_add_up()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id, stock: 4);

        var result = await factory.ReserveAsync(new StockReservationLine(product.Id, null, 1), new StockReservationLine(product.Id, null, 2));

        result.Reserved().Lines.ShouldBe([new StockReservationLine(product.Id, null, 3)]);
        (await factory.StockAsync(product.Id)).ShouldBe(1);
        (await factory.ReserveAsync(new StockReservationLine(product.Id, null, 2))).Value.Status.ShouldBe(StockReservationStatus.Refused);
    }

    [Fact]
    public async Task A_confirmed_reservation_keeps_its_units_can_be_confirmed_again_and_released_once_by_a_cancellation()
    {
        var product = await VariantProductAsync(5);
        var variant = product.Variants[0].Id;
        var reservation = (await factory.ReserveAsync(new StockReservationLine(product.Id, variant, 2))).Reserved();

        (await factory.CatalogAsync(api => api.ConfirmAsync(reservation.Id, StockTestHelpers.Ct))).Value.Status.ShouldBe(StockReservationStatus.Confirmed);
        (await factory.CatalogAsync(api => api.ConfirmAsync(reservation.Id, StockTestHelpers.Ct))).Value.Status.ShouldBe(StockReservationStatus.Confirmed);
        (await factory.StockAsync(product.Id, variant)).ShouldBe(3);

        (await factory.CatalogAsync(api => api.ReleaseAsync(reservation.Id, StockTestHelpers.Ct))).Value.Status.ShouldBe(StockReservationStatus.Released);
        (await factory.StockAsync(product.Id, variant)).ShouldBe(5);

        var late = await factory.CatalogAsync(api => api.ConfirmAsync(reservation.Id, StockTestHelpers.Ct));
        late.Error!.Code.ShouldBe("catalog.reservation_released");
        (await factory.CatalogAsync(api => api.ConfirmAsync(Guid.NewGuid(), StockTestHelpers.Ct))).Error!.Code.ShouldBe("catalog.reservation_not_found");
        (await factory.CatalogAsync(api => api.GetReservationAsync(reservation.Id, StockTestHelpers.Ct)))!.Status.ShouldBe(StockReservationStatus.Released);
    }

    [Fact]
    public async Task Invalid_reservations_are_validation_errors_naming_the_field()
    {
        var product = await VariantProductAsync(5);
        var line = new StockReservationLine(product.Id, product.Variants[0].Id, 1);

        (await factory.CatalogAsync(api => api.ReserveAsync(Guid.NewGuid(), [], DateTimeOffset.UtcNow.AddMinutes(1), StockTestHelpers.Ct)))
            .Error!.Fields!.Keys.ShouldBe(["lines"]);
        (await factory.ReserveAsync(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(1), line with { Quantity = 0 }))
            .Error!.Fields!.Keys.ShouldBe(["lines[0].quantity"]);
        (await factory.ReserveAsync(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-1), line))
            .Error!.Fields!.Keys.ShouldBe(["expiresAt"]);
        (await factory.StockAsync(product.Id, product.Variants[0].Id)).ShouldBe(5);
    }

    [Fact]
    public async Task Forty_parallel_reservations_over_two_products_in_opposite_orders_all_succeed_without_deadlock()
    {
        var first = await VariantProductAsync(100);
        var second = await VariantProductAsync(100);
        var a = new StockReservationLine(first.Id, first.Variants[0].Id, 1);
        var b = new StockReservationLine(second.Id, second.Variants[0].Id, 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            i % 2 == 0 ? factory.ReserveAsync(a, b) : factory.ReserveAsync(b, a))));

        results.ShouldAllBe(r => r.IsSuccess && r.Value.Status == StockReservationStatus.Reserved);
        (await factory.StockAsync(first.Id, a.VariantId)).ShouldBe(60);
        (await factory.StockAsync(second.Id, b.VariantId)).ShouldBe(60);
        await factory.StockIsConsistentAsync();
    }

    [Fact]
    public async Task A_stock_change_publishes_one_stock_event_with_the_levels_and_no_product_update()
    {
        var product = await VariantProductAsync(5, 4);
        var stockVersion = await factory.ScalarAsync<long>("SELECT stock_version FROM catalog.products WHERE id = $1", product.Id);

        (await factory.ReserveAsync(new StockReservationLine(product.Id, product.Variants[1].Id, 3))).Reserved();

        var events = await factory.ScalarAsync<long>(
            "SELECT count(*) FROM catalog.outbox_messages WHERE type = 'catalog.stock-changed.v2' AND payload->>'productId' = $1",
            product.Id.ToString());
        events.ShouldBe(1);
        const string Event = "FROM catalog.outbox_messages WHERE type = 'catalog.stock-changed.v2' AND payload->>'productId' = $1";
        (await factory.ScalarAsync<string>("SELECT payload->>'stock' " + Event, product.Id.ToString())).ShouldBe("6");
        (await factory.ScalarAsync<string>("SELECT payload->>'stockVersion' " + Event, product.Id.ToString())).ShouldBe($"{stockVersion + 1}");
        (await factory.ScalarAsync<string>("SELECT payload->>'variants' " + Event, product.Id.ToString()))
            .ShouldBe($"[{{\"stock\": 5, \"variantId\": \"{product.Variants[0].Id}\"}}, {{\"stock\": 1, \"variantId\": \"{product.Variants[1].Id}\"}}]");
        (await factory.ScalarAsync<long>(
            "SELECT count(*) FROM catalog.outbox_messages WHERE type = 'catalog.product-updated.v1' AND payload->>'productId' = $1",
            product.Id.ToString())).ShouldBe(0, "a sale is not a product update");
        (await factory.ScalarAsync<long>("SELECT version FROM catalog.products WHERE id = $1", product.Id)).ShouldBe(product.Version);
    }

    private async Task<ProductDto> VariantProductAsync(params int[] stocks)
    {
        var category = await _catalog.CreateCategoryAsync();
        return await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null,
            variants: [.. stocks.Select(s => CatalogDriver.VariantBody(stock: s))]));
    }
}
