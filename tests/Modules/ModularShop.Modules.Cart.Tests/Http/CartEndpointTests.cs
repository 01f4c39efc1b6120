using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>API.md → Cart, endpoint by endpoint, on the happy path and its documented errors.</summary>
public sealed class CartEndpointTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task A_new_anonymous_cart_is_empty_and_can_be_read_by_whoever_holds_its_id()
    {
        var response = await _carts.Anonymous.PostAsync(CartDriver.Carts, null, CartDriver.Ct);
        var created = await response.ReadJsonAsync<CartDto>(HttpStatusCode.Created);

        response.Headers.Location!.ToString().ShouldBe($"/api/carts/{created.Id}");
        response.Headers.ETag!.Tag.ShouldBe($"\"{created.Version}\"");
        created.Items.ShouldBeEmpty();
        created.ItemCount.ShouldBe(0);
        created.Subtotal.ShouldBe(0m);
        created.Currency.ShouldBe("USD");
        created.Problems.ShouldBeEmpty();

        var read = await _carts.GetCartAsync(created.Id, factory.CreateAnonymousClient());
        read.Id.ShouldBe(created.Id);
        (await _carts.GetCartAsync(created.Id, _carts.Customer())).Id.ShouldBe(created.Id);
    }

    [Fact]
    public async Task Cart_ids_are_random()
    {
        var a = await _carts.CreateCartAsync();
        var b = await _carts.CreateCartAsync();
        a.Id.ShouldNotBe(b.Id);
        a.Id.ToString()[14].ShouldBe('4'); // version 4: random, not time-ordered
    }

    [Fact]
    public async Task Adding_the_same_product_again_adds_to_its_quantity_and_lines_are_priced_from_the_catalog()
    {
        var tee = await _carts.CreateProductWithVariantsAsync(20m, ("S", 10, null), ("XL", 10, 24.5m));
        var mug = await _carts.CreateProductAsync(price: 7.25m, stock: 30);
        var cart = await _carts.CreateCartAsync();

        await _carts.AddItemAsync(cart.Id, tee.Id, 2, tee.Variants[1].Id);
        await _carts.AddItemAsync(cart.Id, mug.Id, 1);
        var response = await _carts.AddAsync(cart.Id, tee.Id, 3, tee.Variants[1].Id);
        var after = await response.ReadJsonAsync<CartDto>();

        after.Items.Count.ShouldBe(2);
        var xl = after.Items[0];
        xl.ProductId.ShouldBe(tee.Id);
        xl.VariantId.ShouldBe(tee.Variants[1].Id);
        xl.VariantName.ShouldBe("XL");
        xl.Name.ShouldBe(tee.Name);
        xl.Sku.ShouldBe(tee.Variants[1].Sku);
        xl.Quantity.ShouldBe(5);
        xl.UnitPrice.ShouldBe(24.5m);
        xl.LineTotal.ShouldBe(122.5m);
        xl.Available.ShouldBeTrue();
        var mugLine = after.Items[1];
        mugLine.VariantId.ShouldBeNull();
        mugLine.Sku.ShouldBe(mug.Slug.ToUpperInvariant());
        mugLine.Image.ShouldBe("https://images.example.com/a.jpg");
        after.ItemCount.ShouldBe(6);
        after.Subtotal.ShouldBe(129.75m);
        after.Problems.ShouldBeEmpty();
        after.Version.ShouldBe(cart.Version + 3);
        response.Headers.ETag!.Tag.ShouldBe($"\"{after.Version}\"");

        (await _carts.GetCartAsync(cart.Id)).ShouldBeEquivalentTo(after);
    }

    [Fact]
    public async Task Changing_a_quantity_sets_it_and_zero_removes_the_line()
    {
        var product = await _carts.CreateProductAsync(price: 3m, stock: 10);
        var other = await _carts.CreateProductAsync(price: 4m, stock: 10);
        var cart = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(cart.Id, product.Id, 2);
        var line = (await _carts.AddItemAsync(cart.Id, other.Id, 1)).Items.Single(i => i.ProductId == other.Id);

        var changed = await (await _carts.SetQuantityAsync(cart.Id, line.Id, 7)).ReadJsonAsync<CartDto>();
        changed.Items.Single(i => i.Id == line.Id).Quantity.ShouldBe(7);
        changed.Subtotal.ShouldBe((2 * 3m) + (7 * 4m));
        changed.ItemCount.ShouldBe(9);

        var removed = await (await _carts.SetQuantityAsync(cart.Id, line.Id, 0)).ReadJsonAsync<CartDto>();
        removed.Items.ShouldNotContain(i => i.Id == line.Id);
        removed.Items.Count.ShouldBe(1);
        (await _carts.GetCartAsync(cart.Id)).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Removing_an_item_and_clearing_the_cart()
    {
        var a = await _carts.CreateProductAsync();
        var b = await _carts.CreateProductAsync();
        var cart = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(cart.Id, a.Id, 1);
        var withBoth = await _carts.AddItemAsync(cart.Id, b.Id, 2);

        var afterRemove = await (await _carts.RemoveAsync(cart.Id, withBoth.Items[0].Id)).ReadJsonAsync<CartDto>();
        afterRemove.Items.Select(i => i.ProductId).ShouldBe([b.Id]);
        (await (await _carts.RemoveAsync(cart.Id, withBoth.Items[0].Id)).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.item_not_found");

        var cleared = await (await _carts.ClearAsync(cart.Id)).ReadJsonAsync<CartDto>();
        cleared.Items.ShouldBeEmpty();
        cleared.ItemCount.ShouldBe(0);
        cleared.Subtotal.ShouldBe(0m);
        (await _carts.GetCartAsync(cart.Id)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Mine_is_the_users_cart_created_once_even_when_asked_for_in_parallel()
    {
        var userId = Guid.NewGuid();
        var client = _carts.Customer(userId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _carts.MineAsync(client)));
        var carts = await Task.WhenAll(answers.Select(r => r.ReadJsonAsync<CartDto>()));
        carts.Select(c => c.Id).Distinct().Count().ShouldBe(1);

        var product = await _carts.CreateProductAsync();
        await _carts.AddItemAsync(carts[0].Id, product.Id, 2, client: client);
        var mine = await (await _carts.MineAsync(client)).ReadJsonAsync<CartDto>();
        mine.Id.ShouldBe(carts[0].Id);
        mine.ItemCount.ShouldBe(2);

        await (await _carts.MineAsync(_carts.Anonymous)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        (await (await _carts.MineAsync(_carts.Customer())).ReadJsonAsync<CartDto>()).Id.ShouldNotBe(mine.Id);
    }

    [Fact]
    public async Task A_cart_created_with_a_token_is_that_users_active_cart()
    {
        var client = _carts.Customer();
        var first = await (await _carts.MineAsync(client)).ReadJsonAsync<CartDto>();
        var created = await _carts.CreateCartAsync(client);

        created.Id.ShouldNotBe(first.Id);
        (await (await _carts.MineAsync(client)).ReadJsonAsync<CartDto>()).Id.ShouldBe(created.Id);
    }

    [Fact]
    public async Task Unknown_carts_items_products_and_variants_are_404()
    {
        var product = await _carts.CreateProductAsync();
        var withVariants = await _carts.CreateProductWithVariantsAsync(5m, ("M", 3, null));
        var cart = await _carts.CreateCartAsync();

        (await (await _carts.GetAsync(Guid.NewGuid())).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.not_found");
        (await (await _carts.AddAsync(Guid.NewGuid(), product.Id)).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.not_found");
        (await (await _carts.AddAsync(cart.Id, Guid.NewGuid())).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.product_not_found");
        (await (await _carts.AddAsync(cart.Id, withVariants.Id, variantId: Guid.NewGuid())).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.variant_not_found");
        (await (await _carts.AddAsync(cart.Id, product.Id, variantId: withVariants.Variants[0].Id)).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.variant_not_found");
        (await (await _carts.SetQuantityAsync(cart.Id, Guid.NewGuid(), 1)).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.item_not_found");
        (await (await _carts.RemoveAsync(Guid.NewGuid(), Guid.NewGuid())).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.not_found");
        (await (await _carts.ClearAsync(Guid.NewGuid())).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.not_found");
        (await (await _carts.GetAsync(cart.Id)).ReadJsonAsync<CartDto>()).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task More_than_in_stock_is_409_and_changes_nothing()
    {
        var product = await _carts.CreateProductAsync(stock: 5);
        var cart = await _carts.CreateCartAsync();
        var line = (await _carts.AddItemAsync(cart.Id, product.Id, 4)).Items[0];

        var problem = await (await _carts.AddAsync(cart.Id, product.Id, 2)).ReadProblemAsync(HttpStatusCode.Conflict);
        problem.Code.ShouldBe("cart.insufficient_stock");
        problem.Detail!.ShouldContain("Only 5");
        (await (await _carts.SetQuantityAsync(cart.Id, line.Id, 6)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("cart.insufficient_stock");
        (await (await _carts.AddAsync(cart.Id, product.Id, 6)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("cart.insufficient_stock");

        var unchanged = await _carts.GetCartAsync(cart.Id);
        unchanged.Items.Single().Quantity.ShouldBe(4);
        (await (await _carts.AddAsync(cart.Id, product.Id, 1)).ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(5);
    }

    [Fact]
    public async Task An_archived_product_cannot_be_added()
    {
        var product = await _carts.CreateProductAsync();
        await _carts.ArchiveProductAsync(product.Id);
        var cart = await _carts.CreateCartAsync();

        (await (await _carts.AddAsync(cart.Id, product.Id)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("cart.unavailable");
        (await _carts.GetCartAsync(cart.Id)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_line_holds_at_most_999()
    {
        var product = await _carts.CreateProductAsync(stock: 5000);
        var cart = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(cart.Id, product.Id, 999);

        (await (await _carts.AddAsync(cart.Id, product.Id, 1)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("cart.quantity_limit");
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(999);
    }

    [Fact]
    public async Task Version_and_ETag_move_with_every_change_and_a_stale_If_Match_is_409()
    {
        var product = await _carts.CreateProductAsync();
        var cart = await _carts.CreateCartAsync();
        var v2 = await (await _carts.AddAsync(cart.Id, product.Id, 1, ifMatch: $"\"{cart.Version}\"")).ReadJsonAsync<CartDto>();
        v2.Version.ShouldBe(cart.Version + 1);
        var line = v2.Items[0];

        var stale = $"\"{cart.Version}\"";
        (await (await _carts.AddAsync(cart.Id, product.Id, 1, ifMatch: stale)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("concurrency.stale_version");
        (await (await _carts.SetQuantityAsync(cart.Id, line.Id, 3, ifMatch: stale)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("concurrency.stale_version");
        (await (await _carts.RemoveAsync(cart.Id, line.Id, ifMatch: stale)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("concurrency.stale_version");
        (await (await _carts.ClearAsync(cart.Id, ifMatch: stale)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("concurrency.stale_version");
        (await _carts.GetCartAsync(cart.Id)).ShouldBeEquivalentTo(v2);

        var response = await _carts.SetQuantityAsync(cart.Id, line.Id, 3, ifMatch: $"\"{v2.Version}\"");
        var v3 = await response.ReadJsonAsync<CartDto>();
        v3.Version.ShouldBe(v2.Version + 1);
        response.Headers.ETag!.Tag.ShouldBe($"\"{v3.Version}\"");
        (await _carts.GetAsync(cart.Id)).Headers.ETag!.Tag.ShouldBe($"\"{v3.Version}\"");
        (await (await _carts.ClearAsync(cart.Id, ifMatch: "*")).ReadJsonAsync<CartDto>()).Version.ShouldBe(v3.Version + 1);
    }

    [Fact]
    public async Task An_invalid_token_is_401_not_a_silent_anonymous_request()
    {
        var owner = _carts.Customer();
        var cart = await _carts.CreateCartAsync(owner);

        foreach (var token in new[] { TestTokens.Expired(), TestTokens.Tampered(), TestTokens.SignedWithAnotherKey(), TestTokens.WithSubject("admin") })
        {
            var client = factory.CreateClientWithToken(token);
            var problem = await (await _carts.GetAsync(cart.Id, client)).ReadProblemAsync(HttpStatusCode.Unauthorized);
            problem.Code.ShouldBe("auth.invalid_token");
            await (await client.PostAsync(CartDriver.Carts, null, CartDriver.Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_signed_token_whose_subject_is_not_a_user_id_is_401_everywhere()
    {
        var client = factory.CreateClientWithToken(TestTokens.WithSubject("not-a-guid"));
        await (await _carts.MineAsync(client)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await _carts.MergeAsync(Guid.NewGuid(), client)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/users/me", CartDriver.Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/admin/users", CartDriver.Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_cart_operation_is_in_the_OpenAPI_document()
    {
        var document = await (await _carts.Anonymous.GetAsync("/openapi/v1.json", CartDriver.Ct)).ReadJsonElementAsync();
        var paths = document.GetProperty("paths");
        paths.GetProperty("/api/carts").TryGetProperty("post", out _).ShouldBeTrue();
        paths.GetProperty("/api/carts/mine").TryGetProperty("get", out _).ShouldBeTrue();
        paths.GetProperty("/api/carts/{id}").TryGetProperty("get", out _).ShouldBeTrue();
        paths.GetProperty("/api/carts/{id}/items").TryGetProperty("post", out _).ShouldBeTrue();
        paths.GetProperty("/api/carts/{id}/items").TryGetProperty("delete", out _).ShouldBeTrue();
        paths.GetProperty("/api/carts/{id}/items/{itemId}").TryGetProperty("put", out _).ShouldBeTrue();
        paths.GetProperty("/api/carts/{id}/items/{itemId}").TryGetProperty("delete", out _).ShouldBeTrue();
        paths.GetProperty("/api/carts/{id}/merge").TryGetProperty("post", out _).ShouldBeTrue();
    }
}
