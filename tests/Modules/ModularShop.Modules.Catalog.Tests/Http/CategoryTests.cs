using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Http;

/// <summary><c>GET /api/catalog/categories</c> and the admin category endpoints.</summary>
public sealed class CategoryTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CatalogDriver _catalog = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Category_list_counts_live_products_including_subcategories()
    {
        var parent = await _catalog.CreateCategoryAsync();
        var child = await _catalog.CreateCategoryAsync(parentId: parent.Id);
        var grandchild = await _catalog.CreateCategoryAsync(parentId: child.Id);
        await _catalog.CreateProductAsync(parent.Id);
        await _catalog.CreateProductAsync(child.Id);
        await _catalog.CreateProductAsync(grandchild.Id);
        await _catalog.CreateProductAsync(grandchild.Id);
        var archived = await _catalog.CreateProductAsync(grandchild.Id);
        await (await _catalog.ArchiveProductAsync(archived.Id)).ExpectStatusAsync(HttpStatusCode.NoContent);

        var categories = await _catalog.ListCategoriesAsync();

        categories.Single(c => c.Id == parent.Id).ShouldBe(new ListedCategoryDto(parent.Id, parent.Slug, parent.Name, null, 4));
        categories.Single(c => c.Id == child.Id).ShouldBe(new ListedCategoryDto(child.Id, child.Slug, child.Name, parent.Id, 3));
        categories.Single(c => c.Id == grandchild.Id).ProductCount.ShouldBe(2);
    }

    [Fact]
    public async Task Created_category_is_201_with_a_slug_derived_from_its_name()
    {
        var word = CatalogDriver.UniqueWord();

        var response = await _catalog.Admin.PostAsJsonAsync(CatalogDriver.AdminCategories, new { name = $"  Salt & Pepper {word} " }, Ct);

        var created = await response.ReadJsonAsync<CategoryDto>(HttpStatusCode.Created);
        created.Slug.ShouldBe($"salt-and-pepper-{word}");
        created.Name.ShouldBe($"Salt & Pepper {word}");
        created.ParentId.ShouldBeNull();
        response.Headers.Location.ShouldNotBeNull().OriginalString.ShouldEndWith(created.Id.ToString());
        (await _catalog.ListCategoriesAsync()).ShouldContain(c => c.Id == created.Id && c.ProductCount == 0);
    }

    [Fact]
    public async Task Category_with_an_explicit_slug_and_parent_is_a_subcategory()
    {
        var parent = await _catalog.CreateCategoryAsync();
        var slug = $"sub-{CatalogDriver.UniqueWord()}";

        var response = await _catalog.Admin.PostAsJsonAsync(CatalogDriver.AdminCategories, new { name = "Sub", slug, parentId = parent.Id }, Ct);

        var created = await response.ReadJsonAsync<CategoryDto>(HttpStatusCode.Created);
        created.Slug.ShouldBe(slug);
        created.ParentId.ShouldBe(parent.Id);
    }

    [Fact]
    public async Task Duplicate_category_slug_is_409()
    {
        var existing = await _catalog.CreateCategoryAsync();

        var bySlug = await _catalog.Admin.PostAsJsonAsync(CatalogDriver.AdminCategories, new { name = "Other", slug = existing.Slug }, Ct);
        var byName = await _catalog.Admin.PostAsJsonAsync(CatalogDriver.AdminCategories, new { name = existing.Name }, Ct);

        await bySlug.ReadProblemAsync(HttpStatusCode.Conflict);
        await byName.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Category_with_an_unknown_parent_is_400_naming_parentId()
    {
        var response = await _catalog.Admin.PostAsJsonAsync(CatalogDriver.AdminCategories, new { name = "Orphan", parentId = Guid.NewGuid() }, Ct);

        (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("parentId");
    }

    [Fact]
    public async Task Category_can_be_renamed_and_moved()
    {
        var category = await _catalog.CreateCategoryAsync();
        var newParent = await _catalog.CreateCategoryAsync();
        var newSlug = $"renamed-{CatalogDriver.UniqueWord()}";

        var response = await _catalog.Admin.PutAsJsonAsync($"{CatalogDriver.AdminCategories}/{category.Id}",
            new { name = "Renamed", slug = newSlug, parentId = newParent.Id }, Ct);

        var updated = await response.ReadJsonAsync<CategoryDto>();
        updated.ShouldBe(new CategoryDto(category.Id, newSlug, "Renamed", newParent.Id));
        (await _catalog.ListCategoriesAsync()).Single(c => c.Id == category.Id).ShouldBe(new ListedCategoryDto(category.Id, newSlug, "Renamed", newParent.Id, 0));
    }

    [Fact]
    public async Task Moving_a_category_below_itself_or_its_descendant_is_refused()
    {
        var root = await _catalog.CreateCategoryAsync();
        var child = await _catalog.CreateCategoryAsync(parentId: root.Id);
        var grandchild = await _catalog.CreateCategoryAsync(parentId: child.Id);

        var belowGrandchild = await _catalog.Admin.PutAsJsonAsync($"{CatalogDriver.AdminCategories}/{root.Id}",
            new { name = root.Name, slug = root.Slug, parentId = grandchild.Id }, Ct);
        var belowItself = await _catalog.Admin.PutAsJsonAsync($"{CatalogDriver.AdminCategories}/{root.Id}",
            new { name = root.Name, slug = root.Slug, parentId = root.Id }, Ct);

        (await belowGrandchild.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("parentId");
        (await belowItself.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("parentId");
        (await _catalog.ListCategoriesAsync()).Single(c => c.Id == root.Id).ParentId.ShouldBeNull();
    }

    [Fact]
    public async Task Renaming_a_category_to_another_ones_slug_is_409()
    {
        var first = await _catalog.CreateCategoryAsync();
        var second = await _catalog.CreateCategoryAsync();

        var response = await _catalog.Admin.PutAsJsonAsync($"{CatalogDriver.AdminCategories}/{second.Id}", new { name = "X", slug = first.Slug }, Ct);

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Updating_an_unknown_category_is_404()
    {
        var response = await _catalog.Admin.PutAsJsonAsync($"{CatalogDriver.AdminCategories}/{Guid.NewGuid()}", new { name = "Ghost" }, Ct);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Empty_category_can_be_deleted()
    {
        var category = await _catalog.CreateCategoryAsync();

        var response = await _catalog.Admin.DeleteAsync($"{CatalogDriver.AdminCategories}/{category.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _catalog.ListCategoriesAsync()).ShouldNotContain(c => c.Id == category.Id);
    }

    [Fact]
    public async Task Deleting_a_category_with_products_is_409()
    {
        var category = await _catalog.CreateCategoryAsync();
        await _catalog.CreateProductAsync(category.Id);

        var response = await _catalog.Admin.DeleteAsync($"{CatalogDriver.AdminCategories}/{category.Id}", Ct);

        (await response.ReadProblemAsync(HttpStatusCode.Conflict)).ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        (await _catalog.ListCategoriesAsync()).ShouldContain(c => c.Id == category.Id);
    }

    [Fact]
    public async Task Deleting_a_category_with_only_archived_products_is_409()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);
        await (await _catalog.ArchiveProductAsync(product.Id)).ExpectStatusAsync(HttpStatusCode.NoContent);

        var response = await _catalog.Admin.DeleteAsync($"{CatalogDriver.AdminCategories}/{category.Id}", Ct);

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deleting_a_category_with_subcategories_is_409()
    {
        var parent = await _catalog.CreateCategoryAsync();
        await _catalog.CreateCategoryAsync(parentId: parent.Id);

        var response = await _catalog.Admin.DeleteAsync($"{CatalogDriver.AdminCategories}/{parent.Id}", Ct);

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deleting_an_unknown_category_is_404()
    {
        var response = await _catalog.Admin.DeleteAsync($"{CatalogDriver.AdminCategories}/{Guid.NewGuid()}", Ct);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
