using CsCheck;
using ModularShop.Modules.Cart.Domain;
using ModularShop.Modules.Cart.Features.Carts;
using ModularShop.Modules.Cart.ReadModel;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests;

/// <summary>The cart's rules without a database: lines, caps, merge arithmetic and how problems are derived.</summary>
public sealed class DomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static PurchasableItem Item(int stock = 10, decimal price = 5m, bool archived = false, Guid? productId = null, Guid? variantId = null) =>
        new(productId ?? Guid.NewGuid(), variantId, "SKU-1", "Mug", variantId is null ? null : "Large", null, price, stock, archived);

    [Fact]
    public void Adding_the_same_item_again_grows_its_line_and_each_change_is_a_new_version()
    {
        var cart = ShoppingCart.Create(null, Now);
        var mug = Item();
        cart.Add(mug, 2, Now).IsSuccess.ShouldBeTrue();
        cart.Add(mug, 3, Now).IsSuccess.ShouldBeTrue();

        cart.Items.ShouldHaveSingleItem().Quantity.ShouldBe(5);
        cart.Version.ShouldBe(3);
    }

    [Fact]
    public void A_variant_and_its_product_are_different_lines()
    {
        var cart = ShoppingCart.Create(null, Now);
        var productId = Guid.NewGuid();
        cart.Add(Item(productId: productId), 1, Now);
        cart.Add(Item(productId: productId, variantId: Guid.NewGuid()), 1, Now);
        cart.Items.Count.ShouldBe(2);
        cart.Items.Select(i => i.Position).ShouldBe([1, 2]);
    }

    [Fact]
    public void The_whole_line_must_fit_in_the_stock_and_under_999()
    {
        var cart = ShoppingCart.Create(null, Now);
        var mug = Item(stock: 5);
        cart.Add(mug, 4, Now);
        cart.Add(mug, 2, Now).Error!.Code.ShouldBe("cart.insufficient_stock");
        cart.Items.Single().Quantity.ShouldBe(4);
        cart.Version.ShouldBe(2, "a refused change is not a version");

        var plenty = Item(stock: 5000);
        cart.Add(plenty, 999, Now).IsSuccess.ShouldBeTrue();
        cart.Add(plenty, 1, Now).Error!.Code.ShouldBe("cart.quantity_limit");
    }

    [Fact]
    public void A_cart_holds_at_most_100_lines()
    {
        var cart = ShoppingCart.Create(null, Now);
        for (var i = 0; i < ShoppingCart.MaxLines; i++)
        {
            cart.Add(Item(), 1, Now).IsSuccess.ShouldBeTrue();
        }

        cart.Add(Item(), 1, Now).Error!.Code.ShouldBe("cart.full");
    }

    [Fact]
    public void Lowering_is_always_allowed_raising_needs_stock_and_an_item_still_sold()
    {
        var cart = ShoppingCart.Create(null, Now);
        var mug = Item(stock: 10);
        var line = cart.Add(mug, 8, Now).Value;
        var fewer = mug with { Stock = 3 };

        cart.SetQuantity(line.Id, 5, fewer, Now).IsSuccess.ShouldBeTrue("lowering towards the stock");
        cart.SetQuantity(line.Id, 6, fewer, Now).Error!.Code.ShouldBe("cart.insufficient_stock");
        cart.SetQuantity(line.Id, 6, mug with { Archived = true }, Now).Error!.Code.ShouldBe("cart.unavailable");
        cart.SetQuantity(line.Id, 6, null, Now).Error!.Code.ShouldBe("cart.unavailable");
        cart.SetQuantity(line.Id, 0, null, Now).IsSuccess.ShouldBeTrue();
        cart.Items.ShouldBeEmpty();
        cart.SetQuantity(line.Id, 1, mug, Now).Error!.Code.ShouldBe("cart.item_not_found");
    }

    [Fact]
    public void Merge_adds_quantities_capped_by_stock_without_lowering_and_skips_what_is_not_sold()
    {
        var userCart = ShoppingCart.Create(Guid.NewGuid(), Now);
        var anonymous = ShoppingCart.Create(null, Now);
        var a = Item(stock: 100);
        var b = Item(stock: 4);
        var c = Item(stock: 2);
        var gone = Item(stock: 10);
        var archived = Item(stock: 10);
        userCart.Add(a, 2, Now);
        userCart.Add(b, 3, Now);
        userCart.Add(c with { Stock = 10 }, 5, Now); // stock fell to 2 since
        anonymous.Add(a, 5, Now);
        anonymous.Add(b, 3, Now);
        anonymous.Add(c with { Stock = 10 }, 1, Now);
        anonymous.Add(gone, 1, Now);
        anonymous.Add(archived, 1, Now);
        var catalog = new Dictionary<Guid, PurchasableItem> { [a.ProductId] = a, [b.ProductId] = b, [c.ProductId] = c, [archived.ProductId] = archived with { Archived = true } };

        userCart.MergeFrom(anonymous, (productId, _) => catalog.GetValueOrDefault(productId), Now).IsSuccess.ShouldBeTrue();

        userCart.FindLine(a.ProductId, null)!.Quantity.ShouldBe(7);
        userCart.FindLine(b.ProductId, null)!.Quantity.ShouldBe(4);
        userCart.FindLine(c.ProductId, null)!.Quantity.ShouldBe(5, "already above the stock: kept, not lowered");
        userCart.FindLine(gone.ProductId, null).ShouldBeNull();
        userCart.FindLine(archived.ProductId, null).ShouldBeNull();
        anonymous.MergedIntoId.ShouldBe(userCart.Id);
        anonymous.IsVisibleTo(null).ShouldBeFalse();
    }

    [Fact]
    public void A_merge_that_would_exceed_100_lines_is_refused_and_changes_nothing()
    {
        var userCart = ShoppingCart.Create(Guid.NewGuid(), Now);
        var anonymous = ShoppingCart.Create(null, Now);
        var shared = Item(stock: 100);
        userCart.Add(shared, 1, Now);
        for (var i = 1; i < ShoppingCart.MaxLines; i++)
        {
            userCart.Add(Item(), 1, Now);
        }

        anonymous.Add(shared, 2, Now);
        anonymous.Add(Item(), 1, Now);
        var version = userCart.Version;

        var merged = userCart.MergeFrom(anonymous, (productId, variantId) => anonymous.FindLine(productId, variantId) is { } l
            ? Item(stock: 100, productId: l.ProductId) : null, Now);

        merged.Error!.Code.ShouldBe("cart.full");
        (userCart.Version, userCart.Items.Count, userCart.FindLine(shared.ProductId, null)!.Quantity).ShouldBe((version, 100, 1));
        anonymous.MergedIntoId.ShouldBeNull();
    }

    [Fact]
    public void Visibility_anonymous_carts_to_anyone_user_carts_to_their_user()
    {
        var userId = Guid.NewGuid();
        ShoppingCart.Create(null, Now).IsVisibleTo(null).ShouldBeTrue();
        ShoppingCart.Create(null, Now).IsVisibleTo(userId).ShouldBeTrue();
        ShoppingCart.Create(userId, Now).IsVisibleTo(userId).ShouldBeTrue();
        ShoppingCart.Create(userId, Now).IsVisibleTo(Guid.NewGuid()).ShouldBeFalse();
        ShoppingCart.Create(userId, Now).IsVisibleTo(null).ShouldBeFalse();
    }

    [Fact]
    public void Problems_price_changed_insufficient_stock_and_unavailable_with_current_prices()
    {
        var cart = ShoppingCart.Create(null, Now);
        var repriced = Item(price: 10m);
        var scarce = Item(stock: 10);
        var archived = Item();
        var removed = Item(variantId: Guid.NewGuid());
        var fine = Item(price: 2.5m);
        foreach (var item in new[] { repriced, scarce, archived, removed, fine })
        {
            cart.Add(item, 3, Now);
        }

        var snapshots = new[]
        {
            Snapshot(repriced with { Price = 12m }),
            Snapshot(scarce with { Stock = 2 }),
            Snapshot(archived with { Archived = true }),
            Snapshot(fine),
        }.ToDictionary(s => s.Id);

        var view = CartView.Build(cart, snapshots, "EUR");

        view.Problems.Select(p => (p.Code, p.ItemId)).ShouldBe([
            ("PRICE_CHANGED", cart.Items[0].Id),
            ("INSUFFICIENT_STOCK", cart.Items[1].Id),
            ("UNAVAILABLE", cart.Items[2].Id),
            ("UNAVAILABLE", cart.Items[3].Id),
        ]);
        view.Items.Select(i => i.Available).ShouldBe([true, false, false, false, true]);
        view.Items[0].UnitPrice.ShouldBe(12m);
        view.Items[0].LineTotal.ShouldBe(36m);
        view.Items[3].VariantName.ShouldBe("Large", "a removed variant keeps the description it was added with");
        view.Subtotal.ShouldBe(view.Items.Sum(i => i.LineTotal));
        view.ItemCount.ShouldBe(15);
        view.Currency.ShouldBe("EUR");
    }

    [Fact]
    public void Line_totals_are_exact_and_always_add_up_to_the_subtotal()
    {
        var line = Gen.Select(Gen.Int[1, 999_999], Gen.Int[1, 999]);
        line.List[1, 40].Sample(lines =>
        {
            var cart = ShoppingCart.Create(null, Now);
            var items = lines.Select(l => Item(stock: 1_000, price: l.Item1 / 100m)).ToList();
            for (var i = 0; i < items.Count; i++)
            {
                cart.Add(items[i], lines[i].Item2, Now).IsSuccess.ShouldBeTrue();
            }

            var view = CartView.Build(cart, items.Select(Snapshot).ToDictionary(s => s.Id), "USD");

            for (var i = 0; i < items.Count; i++)
            {
                view.Items[i].LineTotal.ShouldBe(items[i].Price * lines[i].Item2);
            }

            view.Subtotal.ShouldBe(view.Items.Sum(i => i.LineTotal));
            decimal.Round(view.Subtotal, 2).ShouldBe(view.Subtotal);
        });
    }

    private static ProductSnapshot Snapshot(PurchasableItem item) => new()
    {
        Id = item.VariantId ?? item.ProductId,
        ProductId = item.ProductId,
        VariantId = item.VariantId,
        ProductName = item.Name,
        VariantName = item.VariantName,
        Sku = item.Sku,
        Price = item.Price,
        Stock = item.Stock,
        Archived = item.Archived,
        Version = 1,
    };
}
