using System.Text.Json.Nodes;

namespace ModularShop.Modules.Payments.Tests.Plugins;

/// <summary>Builds a plugins folder for a test host from the plugins this project published (bin/…/sample-plugins).</summary>
internal sealed class PluginFolders : IDisposable
{
    public PluginFolders()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"modularshop-plugins-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public static string Published(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "sample-plugins", name);

    public string Path { get; }

    /// <summary>Copies published plugin <paramref name="source"/> into <paramref name="folder"/>, then lets
    /// <paramref name="edit"/> change its descriptor (null: delete it).</summary>
    public string Add(string folder, string source, Func<JsonObject, JsonObject?>? edit = null)
    {
        var target = System.IO.Path.Combine(Path, folder);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Published(source)))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        if (edit is not null)
        {
            var descriptorPath = System.IO.Path.Combine(target, "plugin.json");
            var edited = edit(JsonNode.Parse(File.ReadAllText(descriptorPath))!.AsObject());
            if (edited is null)
            {
                File.Delete(descriptorPath);
            }
            else
            {
                File.WriteAllText(descriptorPath, edited.ToJsonString());
            }
        }

        return target;
    }

    /// <summary>A folder holding only <paramref name="files"/> (name → content).</summary>
    public string AddRaw(string folder, params (string Name, string Content)[] files)
    {
        var target = System.IO.Path.Combine(Path, folder);
        Directory.CreateDirectory(target);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(System.IO.Path.Combine(target, name), content);
        }

        return target;
    }

    public static JsonObject With(JsonObject descriptor, string key, string value)
    {
        descriptor[key] = value;
        return descriptor;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Loaded assemblies stay mapped until the process ends; the temp folder is cleaned by the OS then.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
