using System.Text;

namespace ModularShop.BuildingBlocks.Web.Validation;

/// <summary>Turns property paths (<c>Variants[0].Price</c>, <c>$.variants[0].price</c>) into API field names.</summary>
public static class FieldNames
{
    public static string ToCamelCasePath(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "body";
        }

        if (path.StartsWith("$.", StringComparison.Ordinal))
        {
            path = path[2..];
        }
        else if (path.StartsWith('$'))
        {
            path = path[1..];
        }

        if (path.Length == 0)
        {
            return "body";
        }

        var builder = new StringBuilder(path.Length);
        var atSegmentStart = true;
        foreach (var c in path)
        {
            builder.Append(atSegmentStart ? char.ToLowerInvariant(c) : c);
            atSegmentStart = c == '.';
        }

        return builder.ToString();
    }
}
