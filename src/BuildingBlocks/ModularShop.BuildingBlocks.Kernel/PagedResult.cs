namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>The API's paged list shape: <c>{ items, page, pageSize, totalCount, totalPages }</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount, int TotalPages)
{
    public static PagedResult<T> Create(IReadOnlyList<T> items, int page, int pageSize, long totalCount) =>
        new(items, page, pageSize, totalCount, (int)((totalCount + pageSize - 1) / pageSize));
}
