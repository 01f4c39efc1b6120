using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.Testing;
using Shouldly;
using Xunit;
using static ModularShop.Modules.Checkout.Tests.Http.CheckoutDriver;

namespace ModularShop.Modules.Checkout.Tests.Http;

/// <summary>Buying a cart through <c>POST /api/checkout</c> (API.md → Checkout), with the test-card provider.</summary>
public sealed class CheckoutTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CheckoutDriver _shop = new(factory);

    [Fact]
    public async Task An_approved_card_buys_the_cart_at_the_quoted_price_takes_the_stock_and_empties_the_cart()
    {
        var (customer, userId) = _shop.NewCustomer();
        var mug = await _shop.CreateProductAsync(price: 12.50m, stock: 10);
        var cart = await _shop.CartWithAsync(customer, (mug, 3));
        var quote = await QuoteAsync(customer, cart.Id);

        var response = await CheckoutAsync(customer, Body(cart.Id), NewKey());

        var order = await response.ReadJsonAsync<OrderDto>(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/orders/{order.Id}");
        order.Status.ShouldBe("Paid");
        order.UserId.ShouldBe(userId);
        order.OrderNumber.ShouldMatch(@"^MS-\d{6,}$");
        order.Items.Single().ShouldSatisfyAllConditions(i => i.Quantity.ShouldBe(3), i => i.UnitPrice.ShouldBe(12.50m), i => i.LineTotal.ShouldBe(37.50m));
        (order.Subtotal, order.Tax, order.Shipping, order.Total).ShouldBe((quote.Subtotal, quote.Tax, quote.Shipping, quote.Total));
        order.Tax.ShouldBe(2.72m, "California 7.25 % of 37.50, shipping untaxed");
        order.Shipping.ShouldBe(4.99m, "standard is free only from 50.00");
        order.Total.ShouldBe(45.21m);
        order.PaymentMethod.Display.ShouldBe("Visa •••• 4242");
        order.Payment.Status.ShouldBe("Captured");
        (await _shop.StockAsync(mug)).ShouldBe(7);
        (await _shop.GetCartAsync(customer, cart.Id)).Items.ShouldBeEmpty();
        (await GetOrderAsync(customer, order.Id)).Total.ShouldBe(order.Total);
    }

    [Theory]
    [InlineData(Declines, "card_declined")]
    [InlineData(InsufficientFunds, "insufficient_funds")]
    public async Task A_declined_card_is_402_with_the_providers_code_and_leaves_no_order_the_stock_and_the_cart(string card, string code)
    {
        var (customer, _) = _shop.NewCustomer();
        var lamp = await _shop.CreateProductAsync(stock: 4);
        var cart = await _shop.CartWithAsync(customer, (lamp, 2));

        var problem = await (await CheckoutAsync(customer, Body(cart.Id, card), NewKey())).ReadProblemAsync(HttpStatusCode.PaymentRequired);

        problem.Code.ShouldBe(code);
        (await _shop.StockAsync(lamp)).ShouldBe(4);
        (await _shop.GetCartAsync(customer, cart.Id)).Items.Single().Quantity.ShouldBe(2);
        (await (await customer.GetAsync("/api/orders", Ct)).ReadJsonAsync<JsonObject>())["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Without_an_Idempotency_Key_the_checkout_is_refused_with_400_and_nothing_happens()
    {
        var (customer, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 3);
        var cart = await _shop.CartWithAsync(customer, (product, 1));

        var problem = await (await CheckoutAsync(customer, Body(cart.Id), key: null)).ReadProblemAsync(HttpStatusCode.BadRequest);

        problem.Errors.Keys.ShouldContain("Idempotency-Key");
        (await _shop.StockAsync(product)).ShouldBe(3);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_same_order_and_another_body_is_422()
    {
        var (customer, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 5);
        var cart = await _shop.CartWithAsync(customer, (product, 2));
        var key = NewKey();

        var first = await (await CheckoutAsync(customer, Body(cart.Id), key)).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);
        var retry = await CheckoutAsync(customer, Body(cart.Id), key);
        var replayed = await retry.ReadJsonAsync<OrderDto>(HttpStatusCode.Created);
        var other = await CheckoutAsync(customer, Body(cart.Id, method: "express"), key);

        replayed.Id.ShouldBe(first.Id);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldContain("true");
        (await other.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code.ShouldBe("idempotency.key_reused");
        (await _shop.StockAsync(product)).ShouldBe(3, "bought once");
    }

    [Fact]
    public async Task The_same_key_sent_eight_times_at_once_buys_once_and_the_others_are_told_it_is_in_flight_or_get_the_same_order()
    {
        var (customer, userId) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 10);
        var cart = await _shop.CartWithAsync(customer, (product, 2));
        var key = NewKey();

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await CheckoutAsync(customer, Body(cart.Id), key);
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(attempts);

        var orders = new HashSet<Guid>();
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                orders.Add((await response.ReadJsonAsync<OrderDto>(HttpStatusCode.Created)).Id);
            }
            else
            {
                var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
                problem.Code.ShouldBeOneOf("idempotency.in_flight", "checkout.in_progress");
                response.Headers.RetryAfter.ShouldNotBeNull();
            }
        }

        orders.Count.ShouldBe(1, "every 201 is the same order");
        (await _shop.StockAsync(product)).ShouldBe(8, "bought once");
        var mine = await (await customer.GetAsync("/api/orders", Ct)).ReadJsonAsync<JsonObject>();
        mine["totalCount"]!.GetValue<int>().ShouldBe(1);
        (await (await CheckoutAsync(customer, Body(cart.Id), key)).ReadJsonAsync<OrderDto>(HttpStatusCode.Created)).Id.ShouldBe(orders.Single());
        userId.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Sixteen_buyers_at_once_for_the_last_five_units_make_exactly_five_orders()
    {
        var product = await _shop.CreateProductAsync(stock: 5);
        var buyers = new List<(HttpClient Client, CartDto Cart)>();
        for (var i = 0; i < 16; i++)
        {
            var (client, _) = _shop.NewCustomer();
            buyers.Add((client, await _shop.CartWithAsync(client, (product, 1))));
        }

        using var start = new ManualResetEventSlim();
        var attempts = buyers.Select(b => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await CheckoutAsync(b.Client, Body(b.Cart.Id), NewKey());
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(attempts);

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(5);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        refused.Count.ShouldBe(11);
        foreach (var response in refused)
        {
            (await response.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBeOneOf("checkout.insufficient_stock", "checkout.cart_has_problems");
        }

        (await _shop.StockAsync(product)).ShouldBe(0);
    }

    [Fact]
    public async Task Not_enough_stock_is_409_naming_the_line_and_reserves_nothing()
    {
        var (customer, _) = _shop.NewCustomer();
        var scarce = await _shop.CreateProductAsync(stock: 3);
        var plenty = await _shop.CreateProductAsync(stock: 30);
        var cart = await _shop.CartWithAsync(customer, (scarce, 3), (plenty, 2));
        var (rival, _) = _shop.NewCustomer();
        await (await CheckoutAsync(rival, Body((await _shop.CartWithAsync(rival, (scarce, 2))).Id), NewKey())).ExpectStatusAsync(HttpStatusCode.Created);

        var response = await CheckoutAsync(customer, Body(cart.Id), NewKey());

        var problem = await response.ReadJsonAsync<JsonObject>(HttpStatusCode.Conflict);
        var problems = problem["problems"]!.AsArray();
        problems.Count.ShouldBe(1);
        problems[0]!["productId"]!.GetValue<Guid>().ShouldBe(scarce.Id);
        (await _shop.StockAsync(plenty)).ShouldBe(30, "all lines or none");
        (await _shop.StockAsync(scarce)).ShouldBe(1);
    }

    [Fact]
    public async Task A_card_that_needs_3D_Secure_waits_for_the_bank_page_and_approval_pays_the_order()
    {
        var (customer, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 6);
        var cart = await _shop.CartWithAsync(customer, (product, 2));

        var order = await (await CheckoutAsync(customer, Body(cart.Id, RequiresAction), NewKey())).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);

        order.Status.ShouldBe("AwaitingPayment");
        order.Payment.NextAction!.Type.ShouldBe("redirect");
        (await _shop.StockAsync(product)).ShouldBe(4, "held while the shopper authenticates");
        var page = await _shop.Anonymous.GetAsync(order.Payment.NextAction.Url.PathAndQuery, Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _shop.Anonymous.PostAsJsonAsync(order.Payment.NextAction.Url.PathAndQuery, new { outcome = "approve" }, Ct)).IsSuccessStatusCode.ShouldBeTrue();

        var paid = await EventuallyAsync(customer, order.Id, o => o.Status == "Paid");
        paid.Status.ShouldBe("Paid");
        (await _shop.StockAsync(product)).ShouldBe(4);
    }

    [Fact]
    public async Task A_failed_3D_Secure_cancels_the_order_and_gives_the_stock_back()
    {
        var (customer, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 6);
        var cart = await _shop.CartWithAsync(customer, (product, 2));
        var order = await (await CheckoutAsync(customer, Body(cart.Id, RequiresAction), NewKey())).ReadJsonAsync<OrderDto>(HttpStatusCode.Created);

        (await _shop.Anonymous.PostAsJsonAsync(order.Payment.NextAction!.Url.PathAndQuery, new { outcome = "fail" }, Ct)).IsSuccessStatusCode.ShouldBeTrue();

        (await EventuallyAsync(customer, order.Id, o => o.Status == "Cancelled")).Status.ShouldBe("Cancelled");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await _shop.StockAsync(product) != 6 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        (await _shop.StockAsync(product)).ShouldBe(6);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"shippingAddress":{A},"shippingMethod":"standard","payment":{P}}""", "cartId" },
        { """{"cartId":"{C}","shippingMethod":"standard","payment":{P}}""", "shippingAddress" },
        { """{"cartId":"{C}","shippingAddress":{"fullName":"A","line1":"B","city":"C","postalCode":"1","country":"USA"},"shippingMethod":"standard","payment":{P}}""", "shippingAddress.country" },
        { """{"cartId":"{C}","shippingAddress":{A},"payment":{P}}""", "shippingMethod" },
        { """{"cartId":"{C}","shippingAddress":{A},"shippingMethod":"teleport","payment":{P}}""", "shippingMethod" },
        { """{"cartId":"{C}","shippingAddress":{A},"shippingMethod":"standard"}""", "payment" },
        { """{"cartId":"{C}","shippingAddress":{A},"shippingMethod":"standard","payment":{"details":{}}}""", "payment.provider" },
        { """{"cartId":"{C}","shippingAddress":{A},"shippingMethod":"standard","payment":{"provider":"test-card","details":{"cardNumber":"4242424242424241","expiry":"12/30","cvc":"123"}}}""", "payment.details.cardNumber" },
        { """{"cartId":"{C}","shippingAddress":{A},"shippingMethod":"standard","payment":{"provider":"test-card","details":{"cardNumber":"4242424242424242","expiry":"01/20","cvc":"123"}}}""", "payment.details.expiry" },
        { """{"cartId":"{C}","shippingAddress":{A},"shippingMethod":"standard","payment":{"provider":"no-such-provider","details":{}}}""", "payment.provider" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_400_naming_the_field_and_holds_no_stock(string template, string field)
    {
        var (customer, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 2);
        var cart = await _shop.CartWithAsync(customer, (product, 2));
        var body = template.Replace("{C}", cart.Id.ToString())
            .Replace("{A}", Address().ToJsonString())
            .Replace("{P}", Body(cart.Id)["payment"]!.ToJsonString());

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = HttpResponseExtensions.RawJson(body) };
        request.Headers.Add("Idempotency-Key", NewKey());
        var problem = await (await customer.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);

        problem.Errors.Keys.ShouldContain(field);
        (await _shop.StockAsync(product)).ShouldBe(2);
    }

    [Fact]
    public async Task Another_users_cart_is_404_and_anonymous_is_401()
    {
        var (owner, _) = _shop.NewCustomer();
        var (stranger, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync();
        var cart = await _shop.CartWithAsync(owner, (product, 1));

        (await (await CheckoutAsync(stranger, Body(cart.Id), NewKey())).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("checkout.cart_not_found");
        (await CheckoutAsync(_shop.Anonymous, Body(cart.Id), NewKey())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _shop.StockAsync(product)).ShouldBe(50);
    }

    [Fact]
    public async Task An_empty_cart_is_409()
    {
        var (customer, _) = _shop.NewCustomer();
        var cart = await _shop.CartWithAsync(customer);

        (await (await CheckoutAsync(customer, Body(cart.Id), NewKey())).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("checkout.cart_empty");
    }

    [Fact]
    public async Task Shipping_methods_are_listed_per_country_and_a_bad_country_is_400()
    {
        var all = await (await _shop.Anonymous.GetAsync("/api/checkout/shipping-methods", Ct)).ReadJsonAsync<JsonArray>();
        var germany = await (await _shop.Anonymous.GetAsync("/api/checkout/shipping-methods?country=de", Ct)).ReadJsonAsync<JsonArray>();

        all.Select(m => m!["code"]!.GetValue<string>()).ShouldBe(["standard", "express", "overnight"]);
        germany.Select(m => m!["code"]!.GetValue<string>()).ShouldBe(["standard", "express"]);
        germany[0]!["price"]!.GetValue<decimal>().ShouldBe(4.99m);
        germany[0]!["estimatedDays"]!.GetValue<int>().ShouldBe(5);
        (await (await _shop.Anonymous.GetAsync("/api/checkout/shipping-methods?country=Germany", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest))
            .Errors.Keys.ShouldContain("country");
    }

    [Fact]
    public async Task The_quote_follows_the_destination_tax_and_the_free_shipping_threshold()
    {
        var (customer, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(price: 30m);
        var one = await _shop.CartWithAsync(customer, (product, 1));
        var two = await _shop.CartWithAsync(customer, (product, 2));

        var newYork = await QuoteAsync(customer, one.Id, address: Address("US", "NY"));
        var berlin = await QuoteAsync(customer, two.Id, method: "express", address: Address("DE", null));
        var freeShipping = await QuoteAsync(customer, two.Id, address: Address("US", "OR"));

        (newYork.Subtotal, newYork.Shipping, newYork.Tax, newYork.Total).ShouldBe((30m, 4.99m, 1.40m, 36.39m), "NY 4 % on goods and shipping");
        (berlin.Subtotal, berlin.Shipping, berlin.Tax, berlin.Total).ShouldBe((60m, 14.99m, 14.25m, 89.24m), "19 % on 60.00 and 14.99");
        (freeShipping.Shipping, freeShipping.Tax, freeShipping.Total).ShouldBe((0m, 0m, 60m), "free from 50.00; Oregon has no sales tax");
    }
}
