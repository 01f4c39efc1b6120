using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Orders.Tests.Http;

/// <summary>Reading orders (owner and admin), who may, and the shipping transitions.</summary>
public sealed class EndpointTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly OrdersDriver _orders = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task My_orders_are_listed_newest_first_in_pages_and_only_mine()
    {
        var (userId, client) = _orders.Customer();
        var (otherId, other) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 20);
        var placed = new List<OrderDto>();
        for (var i = 0; i < 3; i++)
        {
            placed.Add(await _orders.PlacedOrderAsync(userId, client, product));
        }

        await _orders.PlacedOrderAsync(otherId, other, product);

        var first = await _orders.MyOrdersAsync(client, page: 1, pageSize: 2);
        (first.Page, first.PageSize, first.TotalCount, first.TotalPages).ShouldBe((1, 2, 3L, 2));
        var second = await _orders.MyOrdersAsync(client, page: 2, pageSize: 2);
        first.Items.Concat(second.Items).Select(o => o.Id).ShouldBe(placed.Select(o => o.Id).Reverse());
        first.Items.ShouldAllBe(o => o.UserId == userId);
        (await _orders.MyOrdersAsync(client, page: 3, pageSize: 2)).Items.ShouldBeEmpty();

        var bad = await (await client.GetAsync($"{OrdersDriver.Orders}?page=0&pageSize=101", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        bad.Errors.Keys.ShouldBe(["page", "pageSize"], ignoreOrder: true);
    }

    [Fact]
    public async Task Another_users_order_and_an_unknown_one_are_404_and_without_a_token_401()
    {
        var (userId, client) = _orders.Customer();
        var (_, stranger) = _orders.Customer();
        var order = await _orders.PlacedOrderAsync(userId, client, await _orders.CreateProductAsync());

        (await (await stranger.GetAsync($"{OrdersDriver.Orders}/{order.Id}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("orders.not_found");
        (await client.GetAsync($"{OrdersDriver.Orders}/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _orders.CancelAsync(stranger, order.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _orders.MyOrdersAsync(stranger)).TotalCount.ShouldBe(0);
        (await _orders.Anonymous.GetAsync($"{OrdersDriver.Orders}/{order.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _orders.Anonymous.GetAsync(OrdersDriver.Orders, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _orders.CancelAsync(_orders.Anonymous, order.Id)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _orders.GetOrderAsync(client, order.Id)).Status.ShouldBe("Paid", "nobody else changed it");
    }

    [Fact]
    public async Task Admin_endpoints_are_401_without_a_token_and_403_for_a_customer()
    {
        var (userId, client) = _orders.Customer();
        var order = await _orders.PlacedOrderAsync(userId, client, await _orders.CreateProductAsync());
        foreach (var (caller, expected) in new[] { (_orders.Anonymous, HttpStatusCode.Unauthorized), (client, HttpStatusCode.Forbidden) })
        {
            (await caller.GetAsync(OrdersDriver.AdminOrders, Ct)).StatusCode.ShouldBe(expected);
            (await caller.GetAsync($"{OrdersDriver.AdminOrders}/{order.Id}", Ct)).StatusCode.ShouldBe(expected);
            (await _orders.ShipAsync(order.Id, caller)).StatusCode.ShouldBe(expected);
            (await _orders.DeliverAsync(order.Id, caller)).StatusCode.ShouldBe(expected);
            (await _orders.RefundAsync(order.Id, 1m, client: caller)).StatusCode.ShouldBe(expected);
        }

        (await _orders.GetOrderAsync(client, order.Id)).Status.ShouldBe("Paid");
        (await _orders.Admin.GetAsync($"{OrdersDriver.AdminOrders}/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _orders.ShipAsync(Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _orders.DeliverAsync(Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_admin_list_filters_by_status_and_refuses_an_unknown_one()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 20);
        var paid = await _orders.PlacedOrderAsync(userId, client, product);
        var shipped = await _orders.PlacedOrderAsync(userId, client, product);
        var awaiting = await _orders.PlacedOrderAsync(userId, client, product, card: Card.RequiresAction);
        await (await _orders.ShipAsync(shipped.Id)).ExpectStatusAsync(HttpStatusCode.OK);

        async Task<List<Guid>> ListAsync(string status) =>
            [.. (await (await _orders.Admin.GetAsync($"{OrdersDriver.AdminOrders}?status={status}&pageSize=100", Ct)).ReadJsonAsync<PageDto<OrderDto>>())
                .Items.Select(o => o.Id)];

        var paidList = await ListAsync("Paid");
        paidList.ShouldContain(paid.Id);
        paidList.ShouldNotContain(shipped.Id);
        paidList.ShouldNotContain(awaiting.Id);
        (await ListAsync("Shipped")).ShouldContain(shipped.Id);
        var awaitingList = await ListAsync("AwaitingPayment");
        awaitingList.ShouldContain(awaiting.Id);
        awaitingList.ShouldNotContain(paid.Id);

        var all = await (await _orders.Admin.GetAsync($"{OrdersDriver.AdminOrders}?pageSize=100", Ct)).ReadJsonAsync<PageDto<OrderDto>>();
        all.Items.Select(o => o.Id).ShouldContain(paid.Id);
        all.Items.Select(o => o.CreatedAt).ShouldBeInOrder(SortDirection.Descending);

        var problem = await (await _orders.Admin.GetAsync($"{OrdersDriver.AdminOrders}?status=Lost", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.Errors.Keys.ShouldBe(["status"]);
    }

    [Fact]
    public async Task Ship_and_deliver_follow_the_state_machine_and_every_other_move_is_409()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 20);
        var order = await _orders.PlacedOrderAsync(userId, client, product);

        (await (await _orders.DeliverAsync(order.Id)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("orders.invalid_transition");
        var shipped = await (await _orders.ShipAsync(order.Id)).ReadJsonAsync<OrderDto>();
        shipped.Status.ShouldBe("Shipped");
        shipped.Version.ShouldBe(order.Version + 1);
        (await (await _orders.ShipAsync(order.Id)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("orders.invalid_transition");
        var delivered = await (await _orders.DeliverAsync(order.Id)).ReadJsonAsync<OrderDto>();
        delivered.Status.ShouldBe("Delivered");
        delivered.History.Select(h => h.Status).ShouldBe(["Paid", "Shipped", "Delivered"]);
        (await _orders.ShipAsync(order.Id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _orders.DeliverAsync(order.Id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await _orders.CancelAsync(client, order.Id)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("orders.invalid_transition");
        (await _orders.GetOrderAsync(client, order.Id)).Status.ShouldBe("Delivered");

        var awaiting = await _orders.PlacedOrderAsync(userId, client, product, card: Card.RequiresAction);
        awaiting.Status.ShouldBe("AwaitingPayment");
        awaiting.Payment.NextAction!.Type.ShouldBe("redirect");
        (await _orders.ShipAsync(awaiting.Id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _orders.DeliverAsync(awaiting.Id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _orders.GetOrderAsync(client, awaiting.Id)).Status.ShouldBe("AwaitingPayment");
    }
}
