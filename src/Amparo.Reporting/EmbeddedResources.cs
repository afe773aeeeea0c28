using System.Text.Json;

namespace Amparo.Reporting;

/// <summary>Reads the JSON and font files compiled into this assembly.</summary>
internal static class EmbeddedResources
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Opens a resource by its path under <c>Resources/</c>, with forward slashes (<c>guidance/rules.json</c>).</summary>
    public static Stream Open(string path)
    {
        var name = "Amparo.Reporting." + path.Replace('/', '.');
        return typeof(EmbeddedResources).Assembly.GetManifestResourceStream(name)
            ?? throw new ReportingException($"embedded resource {name} is missing from Amparo.Reporting");
    }

    public static T ReadJson<T>(string path)
    {
        using var stream = Open(path);
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Json)
                ?? throw new ReportingException($"embedded resource {path} is empty");
        }
        catch (JsonException ex)
        {
            throw new ReportingException($"embedded resource {path} is not valid: {ex.Message}", ex);
        }
    }

    public static byte[] ReadBytes(string path)
    {
        using var stream = Open(path);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
