using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;

namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>
/// Readable, valid and unique schema ids (ARCHITECTURE.md): a nested type is its declaring type's name and its
/// own (<c>CreateProduct.Command</c> → <c>CreateProductCommand</c>), a generic one <c>XOfY</c>
/// (<c>PagedResult&lt;ProductResponse&gt;</c> → <c>PagedResultOfProductResponse</c>). Whatever the framework keeps
/// inline (primitives, nullables of them, collections, dictionaries) stays inline. Generated clients turn these ids
/// into type names, so two CLR types that would share an id stop document generation instead of one silently
/// getting a number appended.
/// </summary>
internal sealed partial class SchemaIds
{
    private readonly ConcurrentDictionary<string, Type> _claimed = new(StringComparer.Ordinal);

    /// <summary>For <see cref="OpenApiOptions.CreateSchemaReferenceId"/>: <c>null</c> keeps the schema inline.</summary>
    public string? Create(JsonTypeInfo jsonTypeInfo)
    {
        if (OpenApiOptions.CreateDefaultSchemaReferenceId(jsonTypeInfo) is null)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(jsonTypeInfo.Type) ?? jsonTypeInfo.Type;
        var id = NameOf(type);
        if (!ValidId().IsMatch(id))
        {
            throw new InvalidOperationException($"The OpenAPI schema id '{id}' of {type.FullName} is not valid (^[a-zA-Z0-9.\\-_]+$).");
        }

        var owner = _claimed.GetOrAdd(id, type);
        return owner == type
            ? id
            : throw new InvalidOperationException(
                $"The OpenAPI schema id '{id}' would name both {owner.FullName} and {type.FullName}. Rename one of them " +
                "(schema ids are the declaring type's name plus the type's own, without namespace).");
    }

    /// <summary>The id of <paramref name="type"/>: declaring types, name without arity, <c>Of</c> + type arguments.</summary>
    public static string NameOf(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return NameOf(underlying);
        }

        if (type.IsArray)
        {
            return "ArrayOf" + NameOf(type.GetElementType()!);
        }

        var builder = new StringBuilder();
        if (type.IsNested && type.DeclaringType is { } declaring && !type.IsGenericParameter)
        {
            // The declaring type's own name only: its type arguments, if any, are the nested type's too.
            builder.Append(Letters(Plain(declaring.Name)));
        }

        builder.Append(Letters(Plain(type.Name)));
        if (type.IsGenericType)
        {
            // Arguments of a nested type include its declaring type's; all of them name this one.
            builder.Append("Of").AppendJoin("And", type.GetGenericArguments().Select(NameOf));
        }

        return builder.ToString();
    }

    private static string Plain(string name) => name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;

    private static string Letters(string name) => string.Concat(name.Where(char.IsAsciiLetterOrDigit));

    [GeneratedRegex("^[a-zA-Z0-9.\\-_]+$")]
    private static partial Regex ValidId();
}
