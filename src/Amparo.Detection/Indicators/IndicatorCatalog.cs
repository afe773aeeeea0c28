using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Amparo.Detection.Indicators;

/// <summary>
/// Loads the tactic indicators from their data files: <c>Indicators/Data/indicators.json</c> (ids, names,
/// descriptions, severity, negation settings) and <c>patterns-en.txt</c> / <c>patterns-es.txt</c> (the phrases, see
/// <c>Indicators/Data/README.md</c>). The files are embedded in the assembly.
/// </summary>
public static class IndicatorCatalog
{
    /// <summary>The languages every indicator has names, descriptions and patterns in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "es"];

    private static readonly Lazy<IndicatorMatcher> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The catalogue built from the embedded data files, loaded on first use.</summary>
    public static IndicatorMatcher Default => LazyDefault.Value;

    /// <summary>The embedded data file with this name (for tools and tests that show or check the source).</summary>
    public static string ReadEmbedded(string fileName)
    {
        var asm = typeof(IndicatorCatalog).Assembly;
        string name = "Amparo.Detection.Indicators.Data." + fileName;
        using var stream = asm.GetManifestResourceStream(name)
            ?? throw new IndicatorDataException($"Embedded resource {name} is missing from {asm.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Builds a matcher from the definitions JSON and one pattern file per language.</summary>
    /// <param name="indicatorsJson">The content of <c>indicators.json</c>.</param>
    /// <param name="patternFiles">Language code → (file name for messages, content).</param>
    public static IndicatorMatcher Load(string indicatorsJson, IReadOnlyDictionary<string, (string Source, string Text)> patternFiles)
    {
        ArgumentNullException.ThrowIfNull(indicatorsJson);
        ArgumentNullException.ThrowIfNull(patternFiles);
        var (entries, window, cues) = ParseDefinitions(indicatorsJson);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            if (!index.TryAdd(entries[i].Id, i))
            {
                throw new IndicatorDataException($"indicators.json: duplicate id '{entries[i].Id}'.");
            }
        }

        var parser = new PatternParser();
        var languages = Languages.ToList();
        var cueSymbols = new List<(int Sym, int Lang)>();
        foreach (var (lang, words) in cues)
        {
            int li = languages.IndexOf(lang);
            if (li < 0)
            {
                throw new IndicatorDataException($"indicators.json: negation cues for unknown language '{lang}'.");
            }

            foreach (string w in words)
            {
                int[] syms = parser.Phrase(w, "indicators.json", 0);
                if (syms.Length != 1)
                {
                    throw new IndicatorDataException($"indicators.json: negation cue '{w}' must be one word after normalisation.");
                }

                cueSymbols.Add((syms[0], li));
            }
        }

        var parsed = new List<ParsedPattern>();
        var counts = new Dictionary<(string, string), int>();
        foreach (var (lang, (source, text)) in patternFiles)
        {
            int li = languages.IndexOf(lang);
            if (li < 0)
            {
                throw new IndicatorDataException($"{source}: unknown language '{lang}'.");
            }

            int current = -1;
            int lineNo = 0;
            foreach (string raw in text.Split('\n'))
            {
                lineNo++;
                string line = raw.Trim();
                // Whole-line comments only: '#' also starts the #num and #phone classes.
                if (line.Length == 0 || line == "#" || line.StartsWith("# ", StringComparison.Ordinal))
                {
                    continue;
                }

                if (line.StartsWith('@'))
                {
                    string id = line[1..].Trim();
                    if (!index.TryGetValue(id, out current))
                    {
                        throw new IndicatorDataException($"{source} line {lineNo}: unknown indicator '{id}'.");
                    }

                    if (entries[current].Scope == IndicatorScope.Conversation)
                    {
                        throw new IndicatorDataException($"{source} line {lineNo}: '{id}' is conversation-level; give patterns to its signals.");
                    }

                    continue;
                }

                if (current < 0)
                {
                    throw new IndicatorDataException($"{source} line {lineNo}: pattern before any '@indicator' header.");
                }

                var p = parser.Parse(current, lang, line, source, lineNo);
                parsed.Add(p);
                if (p.Mode != PatternMode.Suppressor)
                {
                    var key = (entries[current].Id, lang);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        foreach (var e in entries)
        {
            foreach (string lang in Languages)
            {
                if (e.Scope != IndicatorScope.Conversation && counts.GetValueOrDefault((e.Id, lang)) == 0)
                {
                    throw new IndicatorDataException($"'{e.Id}' has no {lang} patterns.");
                }
            }
        }

        var cueMask = new byte[parser.SymbolCount];
        foreach (var (sym, li) in cueSymbols)
        {
            cueMask[sym] |= (byte)(1 << li);
        }

        var phrases = new List<int[]>();
        var infos = new List<PhraseInfo>();
        var composites = new List<CompositeInfo>();
        foreach (var p in parsed)
        {
            byte li = (byte)languages.IndexOf(p.Language);
            int composite = -1;
            if (p.Parts.Count > 1)
            {
                composite = composites.Count;
                composites.Add(new CompositeInfo(p.Entry, li, p.Mode, p.AnchorStart, [.. p.Gaps], p.TrailingWords));
            }

            for (int part = 0; part < p.Parts.Count; part++)
            {
                foreach (int[] seq in p.Parts[part])
                {
                    bool firstIsCue = part == 0 && seq[0] < cueMask.Length && (cueMask[seq[0]] & (1 << li)) != 0;
                    phrases.Add(seq);
                    infos.Add(new PhraseInfo(p.Entry, li, p.Mode, p.AnchorStart, firstIsCue, seq.Length, composite, part, p.TrailingWords));
                }
            }
        }

        var automaton = TokenAutomaton.Build(phrases, parser.SymbolCount);
        var built = entries.Select(e => e with { NegationWindow = e.NegationWindow > 0 ? e.NegationWindow : window }).ToArray();
        return new IndicatorMatcher(built, parser.Vocabulary, automaton, [.. infos], [.. composites], cueMask, counts);
    }

    private static IndicatorMatcher LoadDefault() =>
        Load(ReadEmbedded("indicators.json"), new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["en"] = ("patterns-en.txt", ReadEmbedded("patterns-en.txt")),
            ["es"] = ("patterns-es.txt", ReadEmbedded("patterns-es.txt")),
        });

    private static (List<IndicatorEntry> Entries, int Window, List<(string Lang, List<string> Words)> Cues) ParseDefinitions(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = doc.RootElement;
            var negation = root.GetProperty("negation");
            int window = negation.GetProperty("window").GetInt32();
            var cues = new List<(string, List<string>)>();
            foreach (var lang in negation.GetProperty("cues").EnumerateObject())
            {
                cues.Add((lang.Name, lang.Value.EnumerateArray().Select(v => v.GetString()!).ToList()));
            }

            var entries = new List<IndicatorEntry>();
            foreach (var item in root.GetProperty("indicators").EnumerateArray())
            {
                string id = Required(item, "id");
                var scope = Enum.Parse<IndicatorScope>(OptionalString(item, "scope") ?? "Message", ignoreCase: true);
                var def = new IndicatorDefinition
                {
                    Id = id,
                    Family = Required(item, "family"),
                    Severity = Enum.Parse<IndicatorSeverity>(Required(item, "severity"), ignoreCase: true),
                    Party = Enum.Parse<IndicatorParty>(OptionalString(item, "party") ?? "Groomer", ignoreCase: true),
                    Stage = OptionalString(item, "stage"),
                    Scope = scope,
                    NameEn = Localized(item, "name", "en", id),
                    NameEs = Localized(item, "name", "es", id),
                    DescriptionEn = Localized(item, "description", "en", id),
                    DescriptionEs = Localized(item, "description", "es", id),
                };
                entries.Add(new IndicatorEntry(id, def, scope, OptionalBool(item, "negatable") ?? true, OptionalInt(item, "negationWindow") ?? 0));
            }

            foreach (var item in root.GetProperty("signals").EnumerateArray())
            {
                entries.Add(new IndicatorEntry(Required(item, "id"), null, IndicatorScope.Signal, OptionalBool(item, "negatable") ?? true, OptionalInt(item, "negationWindow") ?? 0));
            }

            return (entries, window, cues);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new IndicatorDataException("indicators.json: " + ex.Message, ex);
        }
    }

    private static string Required(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } s
            ? s
            : throw new IndicatorDataException($"indicators.json: an entry lacks '{name}'.");

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? OptionalBool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static int? OptionalInt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static string Localized(JsonElement e, string name, string lang, string id) =>
        e.TryGetProperty(name, out var v) && v.TryGetProperty(lang, out var t) && t.GetString() is { Length: > 0 } s
            ? s
            : throw new IndicatorDataException($"indicators.json: '{id}' lacks {name}.{lang}.");
}
