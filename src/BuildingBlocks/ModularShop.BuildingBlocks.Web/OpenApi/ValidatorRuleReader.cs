using System.Collections;
using System.Globalization;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using ModularShop.BuildingBlocks.Web.Validation;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>
/// Reads what a FluentValidation validator enforces from its descriptor, as far as JSON Schema can say it
/// (decision 0008). Rules it cannot translate (<c>Must</c>) leave their message as a note.
/// </summary>
internal static class ValidatorRuleReader
{
    /// <param name="validator">A validator of <paramref name="type"/>.</param>
    /// <param name="type">The validated type.</param>
    /// <param name="conditional">The validator runs only under a condition (a child validator under <c>When</c>).</param>
    public static TypeRules Read(IValidator validator, Type type, bool conditional = false)
    {
        var result = new TypeRules(type);
        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            // RuleFor(x => x.A.B) is about a nested member: its schema is another type's.
            if (rule.Member is null || string.IsNullOrEmpty(rule.PropertyName) || rule.PropertyName.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var ruleConditional = conditional || rule.HasCondition || rule.HasAsyncCondition;
            var property = new PropertyRules();
            var forEach = IsCollectionRule(rule);
            var target = forEach ? property.Items = new PropertyRules() : property;
            foreach (var component in rule.Components)
            {
                Apply(target, component, rule.TypeToValidate, ruleConditional || component.HasCondition || component.HasAsyncCondition, element: forEach);
            }

            result.For(rule.Member.Name).Tighten(property);
        }

        return result;
    }

    private static void Apply(PropertyRules target, IRuleComponent component, Type valueType, bool conditional, bool element)
    {
        switch (component.Validator)
        {
            case INotNullValidator:
                // Under a condition the field may be left out; an element is not a field.
                target.Required |= !conditional && !element;
                break;
            case INotEmptyValidator:
                target.Required |= !conditional && !element;
                if (valueType == typeof(string))
                {
                    target.MinLength = Math.Max(target.MinLength ?? 0, 1);
                }
                else if (IsCollection(valueType))
                {
                    target.MinItems = Math.Max(target.MinItems ?? 0, 1);
                }

                break;
            case ILengthValidator length:
                // LengthValidator built from functions has Min = Max = 0; MaximumLength has Min = 0, Length(n, -1) Max = -1.
                target.Tighten(new PropertyRules
                {
                    MinLength = length.Min > 0 ? length.Min : null,
                    MaxLength = length.Max > 0 ? length.Max : null,
                });
                break;
            case IBetweenValidator between when Number(between.From) is { } from && Number(between.To) is { } to:
                var exclusive = component.Validator.Name == "ExclusiveBetweenValidator";
                target.Tighten(new PropertyRules { Minimum = from, ExclusiveMinimum = exclusive, Maximum = to, ExclusiveMaximum = exclusive });
                break;
            case IComparisonValidator comparison when comparison.MemberToCompare is null && Number(comparison.ValueToCompare) is { } value:
                target.Tighten(comparison.Comparison switch
                {
                    Comparison.GreaterThan => new PropertyRules { Minimum = value, ExclusiveMinimum = true },
                    Comparison.GreaterThanOrEqual => new PropertyRules { Minimum = value },
                    Comparison.LessThan => new PropertyRules { Maximum = value, ExclusiveMaximum = true },
                    Comparison.LessThanOrEqual => new PropertyRules { Maximum = value },
                    _ => new PropertyRules(),
                });
                break;
            case IRegularExpressionValidator regex when !string.IsNullOrEmpty(regex.Expression):
                target.Pattern ??= regex.Expression;
                break;
            case IItemCountValidator count:
                target.Tighten(new PropertyRules { MinItems = count.MinItems, MaxItems = count.MaxItems });
                break;
            case IChildValidatorAdaptor child when ChildOf(component.Validator) is var (validator, childType):
                target.Object = target.Object is null ? Read(validator, childType, conditional) : Tightened(target.Object, Read(validator, childType, conditional));
                break;
            case { Name: "PredicateValidator" or "AsyncPredicateValidator" }:
                if (Message(component) is { } note && !target.Notes.Contains(note))
                {
                    target.Notes.Add(note);
                }

                break;
        }
    }

    private static TypeRules Tightened(TypeRules rules, TypeRules more)
    {
        rules.Tighten(more);
        return rules;
    }

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>The validator and type of <c>ChildRules</c>/<c>SetValidator(instance)</c>; none for a validator chosen per instance.</summary>
    private static (IValidator Validator, Type Type)? ChildOf(IPropertyValidator adaptor)
    {
        for (var type = adaptor.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ChildValidatorAdaptor<,>))
            {
                var (parentType, childType) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
                try
                {
                    // Without a provider function the adaptor returns its fixed validator: the (empty) context is not read.
                    var context = typeof(ValidationContext<>).MakeGenericType(parentType).GetConstructor([parentType])!.Invoke([null]);
                    var validator = type.GetMethod(nameof(ChildValidatorAdaptor<object, object>.GetValidator))!
                        .Invoke(adaptor, [context, childType.IsValueType ? Activator.CreateInstance(childType) : null]) as IValidator;
                    return validator is null ? null : (validator, Nullable.GetUnderlyingType(childType) ?? childType);
                }
                catch (System.Reflection.TargetInvocationException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>A fixed message (no placeholders), as a reader would want it in a description.</summary>
    private static string? Message(IRuleComponent component)
    {
        try
        {
            var message = component.GetUnformattedErrorMessage();
            return string.IsNullOrWhiteSpace(message) || message.Contains('{', StringComparison.Ordinal) ? null : message.Trim();
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or ArgumentException)
        {
            // A message made from the instance being validated: there is none here.
            return null;
        }
    }

    private static decimal? Number(object? value) => value switch
    {
        byte or sbyte or short or ushort or int or uint or long or ulong or decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => (decimal)f,
        double d when double.IsFinite(d) && Math.Abs(d) < (double)decimal.MaxValue => (decimal)d,
        _ => null,
    };
}
