using ModularShop.Testing;

namespace ModularShop.Modules.Payments.Tests.Plugins;

/// <summary>
/// The host with a plugins folder holding the sample bank-transfer plugin, a working instance of the test's faulty
/// plugin and one folder for every way a plugin can be broken (decision 0012), each named after its fault.
/// </summary>
public sealed class PluginShopFactory : LoggingShopFactory
{
    public const string FaultySecret = "sk_live_do_not_print_me_42";
    public const string Iban = "DE89 3704 0044 0532 0130 00";

    private readonly PluginFolders _folders = new();

    public PluginShopFactory()
    {
        _folders.Add("bank-transfer", "bank-transfer");
        _folders.Add("faulty", "faulty");

        _folders.Add("no-descriptor", "bank-transfer", _ => null);
        _folders.AddRaw("bad-json", ("plugin.json", "{ this is not json"));
        _folders.Add("missing-fields", "bank-transfer", d => { d.Remove("entryAssembly"); d.Remove("sdkVersion"); return d; });
        _folders.Add("missing-entry", "bank-transfer", d => PluginFolders.With(PluginFolders.With(d, "entryAssembly", "Nowhere.dll"), "code", "missing-entry"));
        _folders.Add("future-sdk", "faulty", d => PluginFolders.With(PluginFolders.With(d, "sdkVersion", "2.0.0"), "code", "future-sdk"));
        _folders.Add("newer-minor", "faulty", d => PluginFolders.With(PluginFolders.With(d, "sdkVersion", "1.9.0"), "code", "newer-minor"));
        var noEntryType = _folders.AddRaw("no-entry-type", ("plugin.json", """
            {"code":"no-entry-type","name":"x","version":"1.0.0","entryAssembly":"ModularShop.Plugins.Payments.TestCard.dll","sdkVersion":"1.1.0"}
            """));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "ModularShop.Plugins.Payments.TestCard.dll"), Path.Combine(noEntryType, "ModularShop.Plugins.Payments.TestCard.dll"));
        var throwing = _folders.Add("ctor-throws", "faulty", d => PluginFolders.With(d, "code", "faulty-ctor"));
        File.WriteAllText(Path.Combine(throwing, "throw-in-constructor"), "");
        _folders.Add("create-throws", "faulty", d => PluginFolders.With(d, "code", "faulty-create"));
        _folders.Add("wrong-code", "faulty", d => PluginFolders.With(d, "code", "faulty-wrong"));
        _folders.Add("invalid-settings", "faulty", d => PluginFolders.With(d, "code", "faulty-invalid"));
        _folders.Add("taken-by-built-in", "faulty", d => PluginFolders.With(d, "code", "test-card"));
        _folders.Add("z-taken-by-plugin", "bank-transfer");
        _folders.Add("disabled", "faulty", d => PluginFolders.With(d, "code", "faulty-off"));
    }

    /// <summary>Folder → a part of the reason it must be skipped with.</summary>
    public static readonly IReadOnlyDictionary<string, string> Broken = new Dictionary<string, string>
    {
        ["no-descriptor"] = "no plugin.json",
        ["bad-json"] = "not readable JSON",
        ["missing-fields"] = "lacks entryAssembly, sdkVersion",
        ["missing-entry"] = "'Nowhere.dll' is not in the folder",
        ["future-sdk"] = "built against SDK 2.0.0",
        ["newer-minor"] = "built against SDK 1.9.0",
        ["no-entry-type"] = "has no public IPaymentPlugin class",
        ["ctor-throws"] = "the faulty plugin refuses to be created",
        ["create-throws"] = "CreateProvider failed (InvalidOperationException: cannot reach the provider with key ***)",
        ["wrong-code"] = "the provider's code 'someone-else' is not the descriptor's 'faulty-wrong'",
        ["invalid-settings"] = "Level: The field Level must be between 0 and 10.",
        ["taken-by-built-in"] = "'test-card' is already taken by a built-in provider",
        ["z-taken-by-plugin"] = "'bank-transfer' is already taken by another plugin folder",
    };

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Payments:PluginsPath"] = _folders.Path;
        settings["Payments:Providers:bank-transfer:AccountHolder"] = "ModularShop Demo GmbH";
        settings["Payments:Providers:bank-transfer:Iban"] = Iban;
        settings["Payments:Providers:bank-transfer:Bic"] = "COBADEFFXXX";
        settings["Payments:Providers:faulty-create:FailIn"] = "CreateProvider";
        settings["Payments:Providers:faulty-create:ApiKey"] = FaultySecret;
        settings["Payments:Providers:faulty-wrong:FailIn"] = "WrongCode";
        settings["Payments:Providers:faulty-invalid:Level"] = "99";
        settings["Payments:Providers:faulty-off:Enabled"] = "false";
        settings["Checkout:PaymentTimeouts:bank-transfer"] = "5.00:00:00"; // a transfer takes days, not the card's 30 minutes
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folders.Dispose();
    }
}
