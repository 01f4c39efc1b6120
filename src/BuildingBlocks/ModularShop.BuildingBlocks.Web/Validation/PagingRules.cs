using FluentValidation;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.BuildingBlocks.Web.Validation;

public static class PagingRules
{
    /// <summary>page ≥ 1, 1 ≤ pageSize ≤ 100 (API.md → Conventions).</summary>
    public static void ValidatePaging<T>(this AbstractValidator<T> validator) where T : IPagedQuery
    {
        validator.RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage)
            .WithMessage($"Must be between 1 and {Paging.MaxPage}.");
        validator.RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize)
            .WithMessage($"Must be between 1 and {Paging.MaxPageSize}.");
    }
}
