using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Amparo.Core;
using Amparo.Detection;

namespace Amparo.Reporting.Complaint;

/// <summary>The report's fixed wording in one language, from <c>Resources/report/text.&lt;lang&gt;.json</c>.</summary>
public sealed class ReportText
{
    private static readonly Lazy<FrozenDictionary<string, ReportText>> All = new(() =>
        Languages.All.ToFrozenDictionary(l => l, Load, StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, string>>> TacticNames = new(LoadTactics);

    private readonly FrozenDictionary<string, string> _strings;

    private ReportText(string language, FrozenDictionary<string, string> strings)
    {
        Language = language;
        _strings = strings;
    }

    public string Language { get; }

    /// <summary>The wording for a language (anything but Spanish gives English).</summary>
    public static ReportText For(string? language) => All.Value[Languages.Normalize(language)];

    /// <summary>A string by key; nested keys use dots (<c>levels.critical</c>).</summary>
    public string this[string key] => _strings.TryGetValue(key, out var value)
        ? value
        : throw new ReportingException($"report text \"{key}\" is missing for language {Language}");

    /// <summary>A string by key with <c>{0}</c>-style placeholders filled in (invariant culture).</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    public bool Has(string key) => _strings.ContainsKey(key);

    public string Level(RiskLevel level) => this["levels." + level.ToString().ToLowerInvariant()];

    /// <summary>A fallback tactic name for an indicator id, or the id itself.</summary>
    public string Tactic(string indicatorId) =>
        TacticNames.Value.TryGetValue(indicatorId, out var names) && names.TryGetValue(Language, out var name) ? name : indicatorId;

    /// <summary>A grooming stage id in words, or the id itself when unknown.</summary>
    public string Stage(string stage) => _strings.TryGetValue("stageNames." + stage, out var v) ? v : stage;

    public string IdentifierKind(string kind) => _strings.TryGetValue("identifierKinds." + kind, out var v) ? v : kind;

    /// <summary>A message time as the report prints it: ISO date and time, the offset only when the export gave one.</summary>
    public string Time(MessageTime time) => time.Kind switch
    {
        MessageTimeKind.Unknown => this["unknown"],
        MessageTimeKind.TimeOfDay => time.Value.ToString("HH:mm", CultureInfo.InvariantCulture),
        MessageTimeKind.Local => time.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        MessageTimeKind.Exact => time.Value.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture),
    };

    public string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture) : this["unknown"];

    private static ReportText Load(string language)
    {
        using var stream = EmbeddedResources.Open($"report/text.{language}.json");
        using var doc = JsonDocument.Parse(stream);
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(doc.RootElement, "", flat);
        return new ReportText(language, flat.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, key, into);
            }
            else if (property.Value.ValueKind == JsonValueKind.String)
            {
                into[key] = property.Value.GetString()!;
            }
        }
    }

    private static FrozenDictionary<string, FrozenDictionary<string, string>> LoadTactics()
    {
        using var stream = EmbeddedResources.Open("report/tactics.json");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                result[property.Name] = property.Value.EnumerateObject()
                    .ToFrozenDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
