using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;
using static ModularShop.Modules.Checkout.Tests.Http.CheckoutDriver;

namespace ModularShop.Modules.Checkout.Tests.Http;

public sealed class LowCheckoutLimitFactory : ShopFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Checkout:RateLimit:PermitLimit"] = "3";
        settings["Checkout:RateLimit:Window"] = "00:10:00";
    }
}

/// <summary><c>POST /api/checkout</c> is rate-limited per user (429 + Retry-After); another user is not affected.</summary>
public sealed class RateLimitTests(LowCheckoutLimitFactory factory) : IClassFixture<LowCheckoutLimitFactory>
{
    private readonly CheckoutDriver _shop = new(factory);

    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_Retry_After_and_another_user_can_still_buy()
    {
        var (busy, _) = _shop.NewCustomer();
        var product = await _shop.CreateProductAsync(stock: 100);
        var cart = await _shop.CartWithAsync(busy, (product, 1));
        for (var i = 0; i < 3; i++)
        {
            (await CheckoutAsync(busy, Body(cart.Id, Declines), NewKey())).StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        }

        var limited = await CheckoutAsync(busy, Body(cart.Id), NewKey());
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();

        var (other, _) = _shop.NewCustomer();
        (await CheckoutAsync(other, Body((await _shop.CartWithAsync(other, (product, 1))).Id), NewKey())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
