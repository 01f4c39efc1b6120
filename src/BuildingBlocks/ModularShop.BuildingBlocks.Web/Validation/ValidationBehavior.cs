using System.Reflection;
using FluentValidation;
using MediatR;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.BuildingBlocks.Web.Validation;

/// <summary>
/// The one place where validation runs: every FluentValidation validator of the request is executed before
/// the handler. Failures become a validation <see cref="Error"/> (HTTP 400 naming each camelCase field) for
/// requests returning a <see cref="Result"/>; other requests get a <see cref="ValidationException"/>.
/// </summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly Func<Error, TResponse>? FailureFactory = ResultFactory.For<TResponse>();

    private static readonly (string Field, Func<TRequest, string?> Get)[] TextProperties = typeof(TRequest)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0)
        .Select(p => (FieldNames.ToCamelCasePath(p.Name), (Func<TRequest, string?>)(r => (string?)p.GetValue(r))))
        .ToArray();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        Dictionary<string, List<string>>? errors = null;
        // PostgreSQL cannot store NUL in text; refuse it here, naming the field, instead of failing later.
        foreach (var (field, get) in TextProperties)
        {
            if (get(request)?.Contains('\0', StringComparison.Ordinal) == true)
            {
                errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
                errors[field] = ["Must not contain NUL (\\u0000) characters."];
            }
        }

        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            foreach (var failure in result.Errors)
            {
                errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
                var field = FieldNames.ToCamelCasePath(failure.PropertyName);
                if (!errors.TryGetValue(field, out var messages))
                {
                    errors[field] = messages = [];
                }

                if (!messages.Contains(failure.ErrorMessage))
                {
                    messages.Add(failure.ErrorMessage);
                }
            }
        }

        if (errors is null)
        {
            return await next();
        }

        var fields = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        return FailureFactory is not null
            ? FailureFactory(Error.Validation(fields))
            : throw new ValidationException(string.Join("; ", fields.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}")));
    }
}

internal static class ResultFactory
{
    private static readonly MethodInfo CreateMethod =
        typeof(ResultFactory).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static Func<Error, T>? For<T>()
    {
        var implementsFactory = typeof(T).GetInterfaces()
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFailureFactory<>) && i.GetGenericArguments()[0] == typeof(T));
        return implementsFactory
            ? (Func<Error, T>)CreateMethod.MakeGenericMethod(typeof(T)).Invoke(null, null)!
            : null;
    }

    private static Func<Error, T> Create<T>() where T : IFailureFactory<T> => T.FromError;
}
