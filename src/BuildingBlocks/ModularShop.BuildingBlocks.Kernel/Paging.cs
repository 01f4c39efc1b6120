namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>The paging limits of API.md → Conventions: page ≥ 1, 1 ≤ pageSize ≤ 100.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxPage = 1_000_000;

    public static int Skip(this IPagedQuery query) => (query.Page - 1) * query.PageSize;
}
