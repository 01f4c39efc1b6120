using FluentValidation.Validators;

namespace ModularShop.BuildingBlocks.Web.Validation;

/// <summary>A limit on the number of items of a list (or entries of a dictionary), published as <c>maxItems</c>.</summary>
internal interface IItemCountValidator : IPropertyValidator
{
    int? MinItems { get; }

    int? MaxItems { get; }
}
