using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Catalog.Domain;
using ModularShop.Modules.Catalog.Domain.Categories;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Features.Media;
using ModularShop.Modules.Catalog.Features.Products;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Seeding;

/// <summary><c>Seed:*</c> settings.</summary>
public sealed class DemoSeedOptions
{
    public const string Section = "Seed";

    /// <summary>Fill an empty catalog with demo data at start-up.</summary>
    public bool Demo { get; set; }
}

/// <summary>
/// With <c>Seed:Demo=true</c>, fills an <em>empty</em> catalog (no category and no product) once with
/// demo categories (a tree), products, Size/Color variants, sale prices and pictures the host serves
/// itself. Runs under the start-up advisory lock, so two instances never both seed.
/// </summary>
internal sealed class DemoCatalogSeeder(
    CatalogDbContext db,
    TimeProvider clock,
    IOptions<DemoSeedOptions> options,
    ILogger<DemoCatalogSeeder> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Demo)
        {
            return;
        }

        if (await db.Categories.AnyAsync(cancellationToken) || await db.Products.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo seed skipped: the catalog is not empty");
            return;
        }

        var now = clock.GetUtcNow();
        var categories = new Dictionary<string, Category>();
        foreach (var (slug, name, parent) in DemoCatalog.Categories)
        {
            var category = Category.Create(name, slug, parent is null ? null : categories[parent].Id, now);
            categories.Add(slug, category);
            db.Categories.Add(category);
        }

        var products = DemoCatalog.Products();
        for (var i = 0; i < products.Count; i++)
        {
            var p = products[i];
            var slug = Slug.From(p.Name);
            var draft = new ProductDraft(
                p.Name,
                slug,
                p.Description,
                p.Price,
                p.ComparePrice,
                [GetDemoImage.UrlFor(slug, p.Name)],
                categories[p.Category].Id,
                p.Featured,
                p.Stock,
                p.Variants);

            // Staggered creation times give "newest" a stable, meaningful order.
            var product = Product.Create(draft, now.AddMinutes(i - products.Count));
            db.Products.Add(product);
            db.Publish(ProductEvents.Created(product, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo seed: {Categories} categories and {Products} products", categories.Count, products.Count);
    }
}

/// <summary>The demo catalog's content.</summary>
internal static class DemoCatalog
{
    public static readonly (string Slug, string Name, string? Parent)[] Categories =
    [
        ("clothing", "Clothing", null),
        ("t-shirts", "T-Shirts", "clothing"),
        ("jackets", "Jackets", "clothing"),
        ("shoes", "Shoes", null),
        ("home-kitchen", "Home & Kitchen", null),
        ("electronics", "Electronics", null),
        ("headphones", "Headphones", "electronics"),
        ("books", "Books", null),
        ("outdoor", "Outdoor", null),
    ];

    public sealed record DemoProduct(
        string Name,
        string Category,
        decimal Price,
        decimal? ComparePrice,
        bool Featured,
        int Stock,
        string Description,
        IReadOnlyList<VariantDraft> Variants);

    public static IReadOnlyList<DemoProduct> Products()
    {
        var list = new List<DemoProduct>
        {
            Apparel("Classic Cotton Tee", "t-shirts", 19.99m, null, true, "A soft, heavyweight cotton t-shirt with a relaxed fit."),
            Apparel("Organic Crew Neck Tee", "t-shirts", 24.00m, 29.00m, false, "Organic cotton, garment dyed, pre-shrunk crew neck."),
            Apparel("Striped Breton Tee", "t-shirts", 27.50m, null, false, "Long-sleeve striped shirt in the French sailor tradition."),
            Apparel("Merino Wool Tee", "t-shirts", 59.00m, 75.00m, true, "Fine merino wool: warm, breathable and odour resistant."),
            Apparel("Lightweight Rain Jacket", "jackets", 89.00m, 119.00m, true, "Waterproof, packable rain shell with taped seams and a hood."),
            Apparel("Quilted Puffer Jacket", "jackets", 149.00m, null, false, "Recycled insulation keeps you warm down to minus ten degrees."),
            Apparel("Denim Trucker Jacket", "jackets", 79.90m, null, false, "Rigid denim jacket that softens and fades with wear."),
            Shoes("Canvas Low Sneakers", 49.00m, null, true, "Everyday canvas sneakers with a vulcanised rubber sole."),
            Shoes("Leather Chelsea Boots", 139.00m, 169.00m, false, "Full-grain leather boots with elastic side panels."),
            Shoes("Trail Running Shoes", 119.00m, null, true, "Grippy lugged outsole and a rock plate for rough trails."),
            Simple("Cast Iron Skillet", "home-kitchen", 34.95m, 44.95m, true, 60, "Pre-seasoned 26 cm cast iron pan for searing and baking."),
            Simple("Pour-Over Coffee Set", "home-kitchen", 42.00m, null, false, 35, "Glass dripper, carafe and 100 paper filters."),
            Simple("Chef's Knife 20 cm", "home-kitchen", 79.00m, null, true, 25, "Forged stainless steel blade, balanced full-tang handle."),
            Simple("Linen Tea Towels (Set of 3)", "home-kitchen", 18.50m, null, false, 120, "Stonewashed linen towels that dry quickly."),
            Simple("Ceramic Dinner Plates (Set of 4)", "home-kitchen", 54.00m, 64.00m, false, 40, "Hand-glazed stoneware plates, dishwasher safe."),
            Simple("Bamboo Cutting Board", "home-kitchen", 22.00m, null, false, 80, "Sustainably grown bamboo with a juice groove."),
            Simple("Electric Kettle 1.7 L", "home-kitchen", 39.99m, null, false, 0, "Fast-boil kettle with auto shut-off. Currently sold out."),
            Simple("Airtight Storage Jars (Set of 6)", "home-kitchen", 29.00m, null, false, 55, "Glass jars with bamboo lids for pantry staples."),
            Simple("Wireless Over-Ear Headphones", "headphones", 199.00m, 249.00m, true, 30, "Active noise cancelling, 30 hour battery, USB-C charging."),
            Simple("Sports Earbuds", "headphones", 69.00m, null, false, 75, "Sweat-resistant wireless earbuds with ear hooks."),
            Simple("Studio Monitor Headphones", "headphones", 129.00m, null, false, 18, "Closed-back headphones with a flat response for mixing."),
            Simple("Portable Bluetooth Speaker", "electronics", 59.00m, 79.00m, false, 45, "Waterproof speaker with 12 hours of play time."),
            Simple("USB-C Fast Charger 65 W", "electronics", 35.00m, null, false, 150, "GaN charger with two USB-C ports and one USB-A port."),
            Simple("Mechanical Keyboard", "electronics", 109.00m, null, true, 22, "Hot-swappable switches, aluminium frame, RGB backlight."),
            Simple("Wireless Mouse", "electronics", 29.99m, null, false, 90, "Silent clicks, 70 day battery life, three device pairing."),
            Simple("4K Webcam", "electronics", 89.00m, 99.00m, false, 3, "Autofocus webcam with dual microphones and privacy shutter."),
            Simple("E-Reader 7 inch", "electronics", 139.99m, null, false, 0, "Glare-free display with adjustable warm light. Sold out."),
            Simple("The Pragmatic Developer", "books", 39.00m, null, true, 40, "Essays on craft, habits and shipping software that lasts."),
            Simple("Cooking for Two", "books", 24.99m, 29.99m, false, 33, "Eighty weeknight recipes scaled for small households."),
            Simple("A Field Guide to Birds", "books", 29.00m, null, false, 21, "Illustrated guide to 400 species with range maps."),
            Simple("Mountains of the World", "books", 45.00m, null, false, 12, "A photographic journey across the great ranges."),
            Simple("Learning PostgreSQL", "books", 49.00m, null, false, 27, "From first query to indexes, transactions and replication."),
            Simple("The Patient Gardener", "books", 19.00m, null, false, 50, "Seasonal advice for slow, beautiful gardens."),
            Simple("Two-Person Tent", "outdoor", 179.00m, 219.00m, true, 14, "Freestanding three-season tent, 1.9 kg packed."),
            Simple("Down Sleeping Bag", "outdoor", 229.00m, null, false, 9, "Comfort rating of minus five degrees, compressible."),
            Simple("Insulated Water Bottle 750 ml", "outdoor", 27.00m, null, false, 200, "Keeps drinks cold for 24 hours or hot for 12."),
            Simple("Trekking Poles (Pair)", "outdoor", 64.00m, null, false, 38, "Carbon poles with cork grips and quick locks."),
            Simple("Headlamp 400 Lumen", "outdoor", 34.00m, 39.00m, false, 66, "Rechargeable headlamp with red night mode."),
            Simple("Camping Stove", "outdoor", 49.50m, null, false, 24, "Compact gas stove that boils a litre in three minutes."),
            Simple("Daypack 22 L", "outdoor", 74.00m, null, false, 31, "Ventilated back panel, rain cover and hydration sleeve."),
            Simple("Wool Hiking Socks", "clothing", 16.00m, null, false, 140, "Cushioned merino socks for long days on the trail."),
            Simple("Knit Beanie", "clothing", 22.00m, 28.00m, false, 85, "Ribbed wool-blend beanie with a fold-over cuff."),
            Simple("Leather Belt", "clothing", 45.00m, null, false, 47, "Vegetable-tanned leather belt with a brass buckle."),
            Simple("Scented Soy Candle", "home-kitchen", 21.00m, null, false, 70, "Cedar and bergamot, 45 hours burn time."),
            Simple("Noise Machine", "electronics", 44.00m, null, false, 16, "Twenty soothing sounds for sleep and focus."),
            Simple("Picnic Blanket", "outdoor", 39.00m, null, false, 43, "Water-resistant backing, folds into a carry strap."),
        };
        return Interleave(list);
    }

    /// <summary>
    /// Spreads the products with variants through the list (every fourth place, counted from the newest), so
    /// the first page of "newest" shows a realistic mix of simple products and products with variants.
    /// </summary>
    private static List<DemoProduct> Interleave(List<DemoProduct> products)
    {
        var withVariants = new Queue<DemoProduct>(products.Where(p => p.Variants.Count > 0));
        var simple = new Queue<DemoProduct>(products.Where(p => p.Variants.Count == 0));
        var newestFirst = new List<DemoProduct>(products.Count);
        while (withVariants.Count > 0 || simple.Count > 0)
        {
            var next = (newestFirst.Count % 4 == 0 && withVariants.Count > 0) || simple.Count == 0 ? withVariants : simple;
            newestFirst.Add(next.Dequeue());
        }

        newestFirst.Reverse();
        return newestFirst;
    }

    private static readonly string[] ApparelSizes = ["S", "M", "L", "XL"];
    private static readonly string[] ApparelColors = ["Black", "Navy", "Sand"];
    private static readonly string[] ShoeSizes = ["40", "41", "42", "43", "44"];
    private static readonly string[] ShoeColors = ["White", "Black"];

    private static DemoProduct Simple(string name, string category, decimal price, decimal? comparePrice, bool featured, int stock, string description) =>
        new(name, category, price, comparePrice, featured, stock, description, []);

    private static DemoProduct Apparel(string name, string category, decimal price, decimal? comparePrice, bool featured, string description) =>
        WithVariants(name, category, price, comparePrice, featured, description, ApparelSizes, ApparelColors);

    private static DemoProduct Shoes(string name, decimal price, decimal? comparePrice, bool featured, string description) =>
        WithVariants(name, "shoes", price, comparePrice, featured, description, ShoeSizes, ShoeColors);

    /// <summary>One variant per size and colour; XL/44 costs a little more, and a few combinations are sold out.</summary>
    private static DemoProduct WithVariants(
        string name, string category, decimal price, decimal? comparePrice, bool featured, string description,
        string[] sizes, string[] colors)
    {
        var skuStem = string.Concat(Slug.From(name).Split('-').Select(w => char.ToUpperInvariant(w[0])));
        var variants = new List<VariantDraft>();
        var n = 0;
        foreach (var color in colors)
        {
            foreach (var size in sizes)
            {
                var premium = size is "XL" or "44";
                variants.Add(new VariantDraft(
                    Id: null,
                    Name: $"{size} / {color}",
                    Options: new Dictionary<string, string> { ["Size"] = size, ["Color"] = color },
                    Price: premium ? price + 2.00m : null,
                    Stock: (n * 7 + name.Length) % 11 == 0 ? 0 : 3 + (n * 5 + name.Length) % 17,
                    Sku: $"{skuStem}-{Slug.From(color).ToUpperInvariant()}-{size}"));
                n++;
            }
        }

        return new DemoProduct(name, category, price, comparePrice, featured, 0, description, variants);
    }
}
