using System.Text;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>Making requests and responses readable in failure output.</summary>
public static class FuzzText
{
    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : $"{text[..max]}…({text.Length} chars)";

    /// <summary>The bytes as UTF-8 text with control characters and invalid sequences made visible.</summary>
    public static string Printable(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 400));
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\uFFFD' => "\\uFFFD",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
