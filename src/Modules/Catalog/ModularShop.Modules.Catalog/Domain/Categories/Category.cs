namespace ModularShop.Modules.Catalog.Domain.Categories;

/// <summary>A node of the category tree. A product belongs to one category; filters include subcategories.</summary>
public sealed class Category
{
    private Category()
    {
        Name = Slug = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Slug { get; private set; }

    public Guid? ParentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Category Create(string name, string slug, Guid? parentId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Name = name,
        Slug = slug,
        ParentId = parentId,
        CreatedAt = now,
    };

    public void Update(string name, string slug, Guid? parentId)
    {
        Name = name;
        Slug = slug;
        ParentId = parentId;
    }

    /// <summary>
    /// Whether making <paramref name="newParentId"/> the parent of <paramref name="categoryId"/> would close a
    /// loop, given every category's current parent.
    /// </summary>
    public static bool WouldCreateCycle(Guid categoryId, Guid? newParentId, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var seen = new HashSet<Guid>();
        for (var current = newParentId; current is { } id; current = parents.GetValueOrDefault(id))
        {
            if (id == categoryId || !seen.Add(id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The category and all its descendants.</summary>
    public static HashSet<Guid> SelfAndDescendants(Guid root, IEnumerable<(Guid Id, Guid? ParentId)> all)
    {
        var children = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value, c => c.Id);
        var result = new HashSet<Guid> { root };
        var queue = new Queue<Guid>([root]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var child in children[id])
            {
                if (result.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }
}
