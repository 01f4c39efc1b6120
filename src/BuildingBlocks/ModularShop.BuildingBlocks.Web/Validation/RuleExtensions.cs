using FluentValidation;

namespace ModularShop.BuildingBlocks.Web.Validation;

/// <summary>Shared validation rules, so that every module words the same rule the same way.</summary>
public static class RuleExtensions
{
    /// <summary>Largest amount a <c>numeric(12,2)</c> column holds (<see cref="Kernel.Money.MaxAmount"/>).</summary>
    public const decimal MaxMoney = Kernel.Money.MaxAmount;

    /// <summary>An amount a <see cref="Kernel.Money"/> can hold as it is: not negative, at most two decimals, within <c>numeric(12,2)</c>.</summary>
    public static IRuleBuilderOptions<T, decimal> Money<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.GreaterThanOrEqualTo(0).WithMessage("Must not be negative.")
            .LessThanOrEqualTo(MaxMoney).WithMessage($"Must not exceed {MaxMoney}.")
            .Must(HaveAtMostTwoDecimals).WithMessage("Must have at most 2 decimal places.");

    public static IRuleBuilderOptions<T, decimal?> Money<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.GreaterThanOrEqualTo(0).WithMessage("Must not be negative.")
            .LessThanOrEqualTo(MaxMoney).WithMessage($"Must not exceed {MaxMoney}.")
            .Must(v => v is null || HaveAtMostTwoDecimals(v.Value)).WithMessage("Must have at most 2 decimal places.");

    /// <summary>A URL-safe slug: lower-case letters, digits and single hyphens.</summary>
    public static IRuleBuilderOptions<T, string?> Slug<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(120)
            .Matches("^[a-z0-9]+(?:-[a-z0-9]+)*$")
            .WithMessage("Must contain only lower-case letters, digits and single hyphens (e.g. 'blue-shirt').");

    /// <summary>
    /// At most <paramref name="maxItems"/> items (entries of a dictionary); null passes. Unlike a <c>Must</c> it is
    /// published in the OpenAPI document (<c>maxItems</c>/<c>maxProperties</c>).
    /// </summary>
    public static IRuleBuilderOptions<T, TCollection> MaxItems<T, TCollection>(this IRuleBuilder<T, TCollection> rule, int maxItems)
        where TCollection : System.Collections.IEnumerable? =>
        rule.SetValidator(new MaxItemsValidator<T, TCollection>(maxItems));

    private static bool HaveAtMostTwoDecimals(decimal value) => Kernel.Money.IsExact(value);
}
