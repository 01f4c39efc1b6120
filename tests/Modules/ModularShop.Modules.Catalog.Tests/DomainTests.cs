using ModularShop.Modules.Catalog.Domain;
using ModularShop.Modules.Catalog.Domain.Categories;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Features.Products;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Blue T-Shirt", "blue-t-shirt")]
    [InlineData("  Café   Crème ", "cafe-creme")]
    [InlineData("Salt & Pepper", "salt-and-pepper")]
    [InlineData("Straße 42!", "strasse-42")]
    [InlineData("***", "item")]
    public void Slug_is_derived_from_the_name(string name, string expected) => Assert.Equal(expected, Slug.From(name));

    [Fact]
    public void Slug_never_exceeds_its_maximum_length() =>
        Assert.True(Slug.From(new string('a', 500)).Length <= Slug.MaxLength);
}

public sealed class ProductTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static ProductDraft Draft(params VariantDraft[] variants) =>
        new("Shirt", "shirt", "A shirt", 20m, null, [], Guid.NewGuid(), false, 7, variants);

    private static VariantDraft Variant(string sku, int? stock, decimal? price = null, Guid? id = null) =>
        new(id, sku, new Dictionary<string, string> { ["Size"] = sku }, price, stock, sku);

    [Fact]
    public void Product_without_variants_keeps_its_own_stock() =>
        Assert.Equal(7, Product.Create(Draft(), Now).Stock);

    [Fact]
    public void Product_stock_is_the_sum_of_its_variants() =>
        Assert.Equal(5, Product.Create(Draft(Variant("S", 2), Variant("M", 3)), Now).Stock);

    [Fact]
    public void Variant_price_defaults_to_the_product_price()
    {
        var product = Product.Create(Draft(Variant("S", 1), Variant("M", 1, 25m)), Now);
        Assert.Equal([20m, 25m], product.Variants.Select(v => v.Price));
    }

    [Fact]
    public void Replace_updates_adds_and_removes_variants_bumps_the_version_and_hands_out_the_stock_takes()
    {
        var product = Product.Create(Draft(Variant("S", 1), Variant("M", 1)), Now);
        var keep = product.Variants[0].Id;

        var result = product.Replace(Draft(Variant("S", 4, id: keep), Variant("L", 6)), Now.AddMinutes(1));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, product.Version);
        Assert.Equal(["S", "L"], product.Variants.Select(v => v.Sku));
        Assert.Equal(keep, product.Variants[0].Id);
        Assert.Equal(6, product.Variants[1].Stock); // a new variant starts with its stock
        Assert.Equal([new StockTake(keep, 4)], result.Value); // an existing one's stock is a take for the stock statements
        Assert.Equal(0, product.StockVersion);
    }

    [Fact]
    public void Replace_leaving_stock_out_keeps_it_and_asks_for_no_stock_take()
    {
        var product = Product.Create(Draft(Variant("S", 3)), Now);

        var result = product.Replace(Draft(Variant("S", null, id: product.Variants[0].Id)), Now);

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Value);
        Assert.Equal(3, product.Variants[0].Stock);
    }

    [Fact]
    public void Replace_with_a_new_variant_without_stock_is_refused()
    {
        var product = Product.Create(Draft(Variant("S", 3)), Now);

        var result = product.Replace(Draft(Variant("S", null, id: product.Variants[0].Id), Variant("M", null)), Now);

        Assert.False(result.IsSuccess);
        Assert.Equal("variants[1].stock", Assert.Single(result.Error!.Fields!).Key);
        Assert.Equal(1, product.Version);
    }

    [Fact]
    public void Removing_the_last_variants_without_a_stock_leaves_the_product_with_none()
    {
        var product = Product.Create(Draft(Variant("S", 3)), Now);

        var result = product.Replace(new ProductDraft("Shirt", "shirt", "A shirt", 20m, null, [], Guid.NewGuid(), false, null, []), Now);

        Assert.Equal([new StockTake(null, 0)], result.Value);
    }

    [Fact]
    public void Replace_with_a_foreign_variant_id_is_refused_and_changes_nothing()
    {
        var product = Product.Create(Draft(Variant("S", 1)), Now);

        var result = product.Replace(Draft(Variant("S", 9, id: Guid.NewGuid())), Now);

        Assert.False(result.IsSuccess);
        Assert.Equal(1, product.Version);
        Assert.Equal(1, product.Stock);
    }

    [Fact]
    public void Only_the_current_version_or_none_allows_a_change()
    {
        var product = Product.Create(Draft(), Now);
        Assert.True(product.IsAtVersion(null));
        Assert.True(product.IsAtVersion(1));
        Assert.False(product.IsAtVersion(0));
        product.Archive(Now);
        Assert.True(product.IsArchived);
        Assert.False(product.IsAtVersion(1));
    }
}

public sealed class CategoryTests
{
    [Fact]
    public void Moving_a_category_below_its_own_descendant_is_a_cycle()
    {
        var root = Guid.NewGuid();
        var child = Guid.NewGuid();
        var grandchild = Guid.NewGuid();
        var parents = new Dictionary<Guid, Guid?> { [root] = null, [child] = root, [grandchild] = child };

        Assert.True(Category.WouldCreateCycle(root, grandchild, parents));
        Assert.True(Category.WouldCreateCycle(root, root, parents));
        Assert.False(Category.WouldCreateCycle(grandchild, root, parents));
        Assert.False(Category.WouldCreateCycle(child, null, parents));
    }

    [Fact]
    public void Descendants_include_every_level() =>
        Assert.Equal(3, Category.SelfAndDescendants(Guid.Empty, [(Guid.Empty, null), (Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Empty),
            (Guid.Parse("00000000-0000-0000-0000-000000000002"), Guid.Parse("00000000-0000-0000-0000-000000000001"))]).Count);
}

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("Blue  t-shirt", "blue:* & t:* & shirt:*")]
    [InlineData("'; DROP TABLE x; --", "drop:* & table:* & x:*")]
    [InlineData("  !!! ", null)]
    public void Free_text_becomes_a_safe_prefix_tsquery(string text, string? expected) =>
        Assert.Equal(expected, SearchTerms.ToTsQuery(text));
}
