using System.Text.Json;

namespace ModularShop.Modules.Payments.Providers.Plugins;

/// <summary>A plugin folder's <c>plugin.json</c> (decision 0012).</summary>
/// <param name="Code">The provider's code (lower-case letters, digits, dashes).</param>
/// <param name="Name">Display name of the plugin.</param>
/// <param name="Version">The plugin's own version (SemVer).</param>
/// <param name="EntryAssembly">File name, in the folder, of the assembly with the <c>IPaymentPlugin</c>.</param>
/// <param name="SdkVersion">The SDK version the plugin was built against.</param>
internal sealed record PluginDescriptor(string Code, string Name, string Version, string EntryAssembly, Version SdkVersion)
{
    public const string FileName = "plugin.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads and checks the descriptor; a reason (never an exception) when it is not usable.</summary>
    public static (PluginDescriptor? Descriptor, string? Problem) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return (null, $"no {FileName} in the folder");
        }

        Raw? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(File.ReadAllBytes(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, $"{FileName} is not readable JSON ({e.Message})");
        }

        if (raw is null)
        {
            return (null, $"{FileName} is empty");
        }

        var missing = new[] { ("code", raw.Code), ("name", raw.Name), ("version", raw.Version), ("entryAssembly", raw.EntryAssembly), ("sdkVersion", raw.SdkVersion) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            return (null, $"{FileName} lacks {string.Join(", ", missing)}");
        }

        if (!PaymentProviders.IsValidCode(raw.Code!))
        {
            return (null, $"{FileName}: code '{raw.Code}' is not 1-64 lower-case letters, digits and dashes");
        }

        if (raw.EntryAssembly!.IndexOfAny(['/', '\\']) >= 0 || !raw.EntryAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"{FileName}: entryAssembly '{raw.EntryAssembly}' must be a .dll file name in the plugin's folder");
        }

        if (!System.Version.TryParse(raw.SdkVersion, out var sdk))
        {
            return (null, $"{FileName}: sdkVersion '{raw.SdkVersion}' is not a version (e.g. 1.1.0)");
        }

        return (new PluginDescriptor(raw.Code!, raw.Name!, raw.Version!, raw.EntryAssembly, sdk), null);
    }

    private sealed record Raw(string? Code, string? Name, string? Version, string? EntryAssembly, string? SdkVersion);
}
