using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

public static class PagingExtensions
{
    /// <summary>Counts the filtered query, then reads one page of it (skipping the read past the end).</summary>
    public static async Task<PagedResult<T>> ToPagedResultAsync<T>(this IQueryable<T> query, IPagedQuery paging, CancellationToken cancellationToken)
    {
        var total = await query.LongCountAsync(cancellationToken);
        var skip = paging.Skip();
        IReadOnlyList<T> items = skip >= total
            ? []
            : await query.Skip(skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return PagedResult<T>.Create(items, paging.Page, paging.PageSize, total);
    }
}
