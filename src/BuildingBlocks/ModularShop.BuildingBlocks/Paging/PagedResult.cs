using FluentValidation;

namespace ModularShop.BuildingBlocks.Paging;

/// <summary>The API's paged list shape: <c>{ items, page, pageSize, totalCount, totalPages }</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount, int TotalPages)
{
    public static PagedResult<T> Create(IReadOnlyList<T> items, int page, int pageSize, long totalCount) =>
        new(items, page, pageSize, totalCount, (int)((totalCount + pageSize - 1) / pageSize));
}

/// <summary>Implemented by queries that take <c>?page=&amp;pageSize=</c>.</summary>
public interface IPagedQuery
{
    int Page { get; }

    int PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxPage = 1_000_000;

    /// <summary>page ≥ 1, 1 ≤ pageSize ≤ 100 (API.md → Conventions).</summary>
    public static void ValidatePaging<T>(this AbstractValidator<T> validator) where T : IPagedQuery
    {
        validator.RuleFor(q => q.Page).InclusiveBetween(1, MaxPage)
            .WithMessage($"Must be between 1 and {MaxPage}.");
        validator.RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize)
            .WithMessage($"Must be between 1 and {MaxPageSize}.");
    }

    public static int Skip(this IPagedQuery query) => (query.Page - 1) * query.PageSize;
}
