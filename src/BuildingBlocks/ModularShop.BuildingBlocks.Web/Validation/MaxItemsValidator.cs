using System.Collections;
using FluentValidation;
using FluentValidation.Validators;

namespace ModularShop.BuildingBlocks.Web.Validation;

/// <summary>At most <see cref="IItemCountValidator.MaxItems"/> items; a missing (null) list passes.</summary>
internal sealed class MaxItemsValidator<T, TCollection>(int maxItems) : PropertyValidator<T, TCollection>, IItemCountValidator
    where TCollection : IEnumerable?
{
    public override string Name => "MaxItemsValidator";

    public int? MinItems => null;

    public int? MaxItems { get; } = maxItems;

    public override bool IsValid(ValidationContext<T> context, TCollection value) => value switch
    {
        null => true,
        ICollection collection => collection.Count <= maxItems,
        _ => value.Cast<object?>().Take(maxItems + 1).Count() <= maxItems,
    };

    protected override string GetDefaultMessageTemplate(string errorCode) => $"Must have at most {maxItems} items.";
}
