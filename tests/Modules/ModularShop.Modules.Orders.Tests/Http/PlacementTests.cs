using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Orders.Tests.Http;

/// <summary>IOrdersApi.PlaceAsync as checkout calls it, observed through the Orders REST API.</summary>
public sealed class PlacementTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly OrdersDriver _orders = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_paid_order_shows_its_snapshot_totals_payment_and_history_and_its_stock_is_confirmed()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(price: 12.50m, stock: 10);
        var (place, result) = await _orders.PlaceAsync(userId, product, quantity: 2);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Status.ShouldBe("Paid");

        var order = await _orders.GetOrderAsync(client, place.OrderId);
        order.Status.ShouldBe("Paid");
        order.OrderNumber.ShouldStartWith("MS-");
        order.UserId.ShouldBe(userId);
        order.Items.ShouldHaveSingleItem().ShouldBe(new OrderItemDto(product.Id, null, place.Lines[0].Sku, product.Name, null, 12.50m, 2, 25.00m));
        (order.Subtotal, order.Tax, order.Shipping, order.Total, order.Currency).ShouldBe((25.00m, 2.50m, 4.99m, 32.49m, "USD"));
        order.Subtotal.ShouldBe(order.Items.Sum(i => i.LineTotal));
        order.ShippingAddress.ShouldBe(new AddressDto("Ada Lovelace", "1 Main Street", null, "Springfield", "IL", "62701", "US", "+1 555 0100"));
        order.ShippingMethod.ShouldBe("standard");
        order.PaymentMethod.Provider.ShouldBe("test-card");
        order.PaymentMethod.Display.ShouldEndWith("4242");
        order.Payment.Id.ShouldBe(place.Payment.PaymentId);
        order.Payment.Status.ShouldBe("Captured");
        order.Payment.NextAction.ShouldBeNull();
        order.History.ShouldHaveSingleItem().Status.ShouldBe("Paid");
        order.Refunded.ShouldBe(0m);

        // The order owns its reservation: paid, so the units are sold for good.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        StockReservation? reservation;
        while ((reservation = await _orders.CatalogAsync(api => api.GetReservationAsync(place.ReservationId, Ct)))!.Status != StockReservationStatus.Confirmed
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        reservation.Status.ShouldBe(StockReservationStatus.Confirmed);
        (await _orders.ProductAsync(product.Id)).Stock.ShouldBe(8);
    }

    [Fact]
    public async Task Placing_the_same_order_again_answers_the_first_and_records_nothing()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync();
        var (place, first) = await _orders.PlaceAsync(userId, product);
        var again = await _orders.PlaceAsync(place);

        again.Value.ShouldBe(first.Value);
        var mine = await _orders.MyOrdersAsync(client);
        mine.TotalCount.ShouldBe(1);
        mine.Items[0].History.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Ten_parallel_placements_of_one_order_make_one_order_with_one_number()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync();
        var (place, first) = await _orders.PlaceAsync(userId, product);
        // A fresh id, placed ten times at once.
        var reservationId = Guid.NewGuid();
        (await _orders.CatalogAsync(api => api.ReserveAsync(reservationId, [new StockReservationLine(product.Id, null, 1)], DateTimeOffset.UtcNow.AddMinutes(30), Ct)))
            .IsSuccess.ShouldBeTrue();
        var parallel = place with { OrderId = reservationId, ReservationId = reservationId, Payment = place.Payment with { PaymentId = reservationId } };
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 10).Select(async _ =>
        {
            await start.WaitAsync(Ct);
            return await _orders.PlaceAsync(parallel);
        }).ToList();
        start.Release(10);
        var results = await Task.WhenAll(tasks);

        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => r.Value.OrderNumber).Distinct().ShouldHaveSingleItem();
        results.Select(r => r.Value.Id).Distinct().ShouldHaveSingleItem().ShouldBe(reservationId);
        var mine = await _orders.MyOrdersAsync(client);
        mine.TotalCount.ShouldBe(2);
        mine.Items.Select(o => o.OrderNumber).ShouldContain(first.Value.OrderNumber);
        mine.Items.Select(o => o.OrderNumber).ShouldContain(results[0].Value.OrderNumber);
    }

    [Fact]
    public async Task The_items_are_a_snapshot_a_later_catalog_price_or_name_change_does_not_alter_them()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(price: 7m, name: $"Original {Guid.NewGuid():N}");
        var placed = await _orders.PlacedOrderAsync(userId, client, product, quantity: 3);

        var body = new JsonObject
        {
            ["name"] = "Renamed and dearer",
            ["slug"] = product.Slug,
            ["description"] = "Changed after the order.",
            ["price"] = 99m,
            ["images"] = new JsonArray("https://images.example.com/a.jpg"),
            ["categoryId"] = (await _orders.Admin.GetFromJsonAsync<JsonObject>($"/api/catalog/products/{product.Id}", Ct))!["category"]!["id"]!.GetValue<Guid>(),
            ["featured"] = false,
            ["stock"] = 50,
            ["variants"] = new JsonArray(),
        };
        await (await _orders.Admin.PutAsJsonAsync($"/api/admin/catalog/products/{product.Id}", body, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
        (await _orders.ProductAsync(product.Id)).Price.ShouldBe(99m);

        var order = await _orders.GetOrderAsync(client, placed.Id);
        var item = order.Items.ShouldHaveSingleItem();
        (item.Name, item.UnitPrice, item.Quantity, item.LineTotal).ShouldBe((product.Name, 7m, 3, 21m));
        order.Total.ShouldBe(placed.Total);
    }

    [Fact]
    public async Task A_failed_payment_or_totals_that_do_not_add_up_place_no_order()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync();
        var (place, _) = await _orders.PlaceAsync(userId, product);
        var fresh = place with { OrderId = Guid.NewGuid() };

        foreach (var status in new[] { "Failed", "Voided" })
        {
            var failed = await _orders.PlaceAsync(fresh with { Payment = fresh.Payment with { Status = status } });
            failed.Error!.Kind.ShouldBe(ErrorKind.Validation);
            failed.Error.Fields!.Keys.ShouldContain("payment.status");
        }

        (await _orders.PlaceAsync(fresh with { Subtotal = fresh.Subtotal + Money.Of(1, "USD") })).Error!.Fields!.Keys.ShouldContain("subtotal");
        (await _orders.PlaceAsync(fresh with { Total = fresh.Total + Money.Of(0.01m, "USD") })).Error!.Fields!.Keys.ShouldContain("total");
        (await _orders.PlaceAsync(fresh with { Lines = [] })).Error!.Fields!.Keys.ShouldContain("lines");
        (await _orders.PlaceAsync(fresh with { Payment = fresh.Payment with { Status = "RequiresAction" }, PaymentDueAt = null })).Error!.Fields!.Keys.ShouldContain("paymentDueAt");

        (await _orders.MyOrdersAsync(client)).TotalCount.ShouldBe(1);
        (await _orders.OrdersApiAsync(api => api.GetAsync(fresh.OrderId, Ct))).ShouldBeNull();
        (await client.GetAsync($"{OrdersDriver.Orders}/{fresh.OrderId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_order_id_placed_for_another_user_is_a_conflict_not_their_order()
    {
        var (userId, _) = _orders.Customer();
        var product = await _orders.CreateProductAsync();
        var (place, _) = await _orders.PlaceAsync(userId, product);
        (await _orders.PlaceAsync(place with { UserId = Guid.NewGuid() })).Error!.Code.ShouldBe("orders.order_mismatch");
    }
}

/// <summary>Order numbers, on a database of their own (so the first is the first the shop ever gave).</summary>
public sealed class OrderNumberTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    [Fact]
    public async Task Numbers_start_at_MS_100001_and_increase()
    {
        var orders = new OrdersDriver(factory);
        var (userId, client) = orders.Customer();
        var product = await orders.CreateProductAsync(stock: 10);
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await orders.PlacedOrderAsync(userId, client, product)).OrderNumber);
        }

        numbers.ShouldBe(["MS-100001", "MS-100002", "MS-100003"]);
    }
}
