using System.Collections.Frozen;
using Amparo.Detection;

namespace Amparo.Reporting.Guidance;

/// <summary>
/// What to do now, for an alert level and the tactics found, in English or Spanish. The steps, their wording and
/// which findings call for which steps are data (<c>Resources/guidance</c>), drawn from hotline and police
/// advice; the result is ordered most urgent first and has no duplicates.
/// </summary>
public static class GuidanceCatalog
{
    private static readonly Lazy<Catalog> Data = new(Catalog.Load);

    /// <summary>Every step id the catalog knows, in urgency order.</summary>
    public static IReadOnlyList<string> StepIds => Data.Value.OrderedIds;

    /// <summary>The indicator family an indicator id belongs to, or null for an unknown id.</summary>
    public static string? FamilyOf(string indicatorId) => Data.Value.FamilyOf(indicatorId);

    /// <summary>The steps for a whole analysis: its level and every indicator it found.</summary>
    public static IReadOnlyList<GuidanceStep> For(ConversationAnalysis analysis, string? language)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return For(analysis.Level, analysis.Indicators.Select(h => h.IndicatorId), language);
    }

    /// <summary>The steps for an alert level and a set of indicator ids (unknown ids are ignored).</summary>
    public static IReadOnlyList<GuidanceStep> For(RiskLevel level, IEnumerable<string> indicatorIds, string? language)
    {
        ArgumentNullException.ThrowIfNull(indicatorIds);
        return Data.Value.Select(level, indicatorIds, Languages.Normalize(language));
    }

    /// <summary>One step by id, or null.</summary>
    public static GuidanceStep? Step(string id, string? language) => Data.Value.Step(id, Languages.Normalize(language));

    private sealed record RulesFile(
        Dictionary<string, StepRule> Steps,
        Dictionary<string, string[]> Levels,
        Dictionary<string, string>? FamilyLevels,
        Dictionary<string, string[]> Families,
        Dictionary<string, string[]> Indicators,
        Dictionary<string, string> IndicatorFamilies);

    private sealed record StepRule(int Order, string[]? Links, string? SeeAlso);

    private sealed record StepText(string Title, string Text);

    private sealed class Catalog
    {
        private readonly RulesFile _rules;
        private readonly FrozenDictionary<string, FrozenDictionary<string, StepText>> _texts;

        private Catalog(RulesFile rules, FrozenDictionary<string, FrozenDictionary<string, StepText>> texts)
        {
            _rules = rules;
            _texts = texts;
            OrderedIds = rules.Steps.OrderBy(s => s.Value.Order).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).ToArray();
        }

        public IReadOnlyList<string> OrderedIds { get; }

        public static Catalog Load()
        {
            var rules = EmbeddedResources.ReadJson<RulesFile>("guidance/rules.json");
            var texts = Languages.All.ToFrozenDictionary(
                lang => lang,
                lang => EmbeddedResources.ReadJson<Dictionary<string, StepText>>($"guidance/steps.{lang}.json").ToFrozenDictionary(StringComparer.Ordinal),
                StringComparer.Ordinal);
            foreach (var (lang, steps) in texts)
            {
                foreach (var id in rules.Steps.Keys)
                {
                    if (!steps.ContainsKey(id))
                    {
                        throw new ReportingException($"guidance step \"{id}\" has no {lang} text in guidance/steps.{lang}.json");
                    }
                }
            }

            return new Catalog(rules, texts);
        }

        public string? FamilyOf(string indicatorId)
        {
            if (_rules.IndicatorFamilies.TryGetValue(indicatorId, out var family))
            {
                return family;
            }

            // Ids added later by detection still get family guidance when they follow the naming scheme.
            return indicatorId.StartsWith("child-disclosure-", StringComparison.Ordinal) ? "disclosure" : null;
        }

        public IReadOnlyList<GuidanceStep> Select(RiskLevel level, IEnumerable<string> indicatorIds, string language)
        {
            var ids = indicatorIds.ToArray();
            foreach (var id in ids)
            {
                if (FamilyOf(id) is { } f && _rules.FamilyLevels is { } raises && raises.TryGetValue(f, out var raised)
                    && Enum.TryParse<RiskLevel>(raised, ignoreCase: true, out var floor) && floor > level)
                {
                    level = floor;
                }
            }

            var chosen = new HashSet<string>(StringComparer.Ordinal);
            if (_rules.Levels.TryGetValue(LevelKey(level), out var forLevel))
            {
                chosen.UnionWith(forLevel);
            }

            foreach (var id in ids)
            {
                if (FamilyOf(id) is { } family && _rules.Families.TryGetValue(family, out var forFamily))
                {
                    chosen.UnionWith(forFamily);
                }

                if (_rules.Indicators.TryGetValue(id, out var forIndicator))
                {
                    chosen.UnionWith(forIndicator);
                }
            }

            return OrderedIds.Where(chosen.Contains).Select(id => Step(id, language)!).ToArray();
        }

        public GuidanceStep? Step(string id, string language)
        {
            if (!_rules.Steps.TryGetValue(id, out var rule))
            {
                return null;
            }

            var text = _texts[language][id];
            return new GuidanceStep(id, text.Title, text.Text, rule.Links ?? [], rule.SeeAlso);
        }

        private static string LevelKey(RiskLevel level) => level switch
        {
            RiskLevel.None => "none",
            RiskLevel.Low => "low",
            RiskLevel.Medium => "medium",
            RiskLevel.High => "high",
            RiskLevel.Critical => "critical",
            _ => "none",
        };
    }
}
