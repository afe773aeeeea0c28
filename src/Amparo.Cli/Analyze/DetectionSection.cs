using System.Globalization;
using System.Text;
using System.Text.Json;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Detection.Indicators;

namespace Amparo.Cli.Analyze;

/// <summary>
/// Grooming detection for one conversation: risk and level, whether and where early warning would have
/// alerted, the likely groomer (only once alerted), the grooming stages seen, a per-message risk timeline and
/// every tactic found with its message quoted. Explains, never accuses: the closing note says a person decides.
/// The analysis is left in <see cref="AnalyzeContext.Shared"/> under <c>detection/&lt;conversation id&gt;</c> for later sections.
/// </summary>
internal sealed class DetectionSection : IAnalyzeSection
{
    private static readonly Lazy<DetectionEngine> Engine = new(DetectionEngine.LoadDefault);

    /// <summary>The timeline is drawn in at most this many characters (each the highest risk of its messages).</summary>
    public const int TimelineWidth = 60;

    public string Key => "detection";

    public ValueTask<IAnalyzeSectionResult?> AnalyzeAsync(Conversation conversation, AnalyzeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(context);
        var engine = Engine.Value;
        var analysis = engine.Analyze(conversation);
        context.Shared["detection/" + conversation.Id] = analysis;
        return ValueTask.FromResult<IAnalyzeSectionResult?>(new Result(conversation, analysis, engine));
    }

    /// <summary>A compact bar per group of messages: ▁ (risk 0) to █ (risk 1).</summary>
    internal static string Sparkline(IReadOnlyList<double> risks, int width = TimelineWidth)
    {
        const string bars = "▁▂▃▄▅▆▇█";
        if (risks.Count == 0)
        {
            return "";
        }

        int cells = Math.Min(width, risks.Count);
        var sb = new StringBuilder(cells);
        for (int c = 0; c < cells; c++)
        {
            int from = (int)((long)c * risks.Count / cells);
            int to = (int)((long)(c + 1) * risks.Count / cells);
            double max = 0;
            for (int i = from; i < Math.Max(to, from + 1); i++)
            {
                max = Math.Max(max, risks[i]);
            }

            sb.Append(bars[Math.Clamp((int)(max * bars.Length), 0, bars.Length - 1)]);
        }

        return sb.ToString();
    }

    private sealed record Result(Conversation Conversation, ConversationAnalysis Analysis, DetectionEngine Engine) : IAnalyzeSectionResult
    {
        public void WriteText(TextWriter w, AnalyzeContext context)
        {
            bool es = string.Equals(context.Text.Language, "es", StringComparison.Ordinal);
            var a = Analysis;
            var culture = context.Text.Culture;
            string level = Level(a.Level, es);
            w.WriteLine(es ? $"  Detección de grooming: riesgo {a.Risk.ToString("P0", culture)} — nivel {level}"
                : $"  Grooming detection: risk {a.Risk.ToString("P0", culture)} — level {level}");
            if (a.LanguageIndependent)
            {
                // Say how the number was made: the wording model learned English only.
                w.WriteLine(es ? "  (Conversación leída como español: el riesgo sale de las tácticas encontradas, no de la forma de escribir.)"
                    : "  (Read as Spanish: the risk comes from the tactics found, not from the wording, which the model learned in English only.)");
            }

            if (a.FirstAlert is { } fa)
            {
                w.WriteLine(es ? $"  Alerta temprana: se habría activado en el mensaje {fa + 1} de {Conversation.Messages.Count}"
                    : $"  Early warning: would have alerted at message {fa + 1} of {Conversation.Messages.Count}");
            }
            else
            {
                w.WriteLine(es ? "  Alerta temprana: no se activó" : "  Early warning: did not alert");
            }

            if (a.Suspect is { } suspect)
            {
                string name = Conversation.FindParticipant(suspect)?.DisplayName ?? suspect;
                w.WriteLine(es ? $"  Quién muestra las tácticas de un adulto que manipula: {name} (a confirmar por una persona)"
                    : $"  Whose messages read like an adult groomer's: {name} (for a person to confirm)");
            }

            if (a.Stages.Count > 0)
            {
                var stages = a.Stages.Select(s => es
                    ? $"{Stage(s.Stage, true)} (mensajes {s.FirstMessage + 1}–{s.LastMessage + 1}, {s.Hits})"
                    : $"{Stage(s.Stage, false)} (messages {s.FirstMessage + 1}–{s.LastMessage + 1}, {s.Hits})");
                w.WriteLine((es ? "  Etapas: " : "  Stages: ") + string.Join(" → ", stages));
            }

            if (a.Timeline.Count > 0)
            {
                w.WriteLine((es ? "  Riesgo mensaje a mensaje: " : "  Risk message by message: ") + Sparkline(a.Timeline)
                    + (a.Timeline.Count > TimelineWidth ? (es ? $" ({a.Timeline.Count} mensajes)" : $" ({a.Timeline.Count} messages)") : ""));
            }

            if (a.Indicators.Count == 0)
            {
                w.WriteLine(es ? "  Tácticas encontradas: ninguna" : "  Tactics found: none");
            }
            else
            {
                w.WriteLine(es ? $"  Tácticas encontradas ({a.Indicators.Count}):" : $"  Tactics found ({a.Indicators.Count}):");
                foreach (var hit in a.Indicators)
                {
                    var def = Engine.Indicators?.Find(hit.IndicatorId);
                    string name = def?.Name(es ? "es" : "en") ?? hit.IndicatorId;
                    var message = hit.MessageIndex < Conversation.Messages.Count ? Conversation.Messages[hit.MessageIndex] : null;
                    string author = message is null ? "" : Conversation.AuthorName(message);
                    string quote = message is null ? hit.Evidence : Quote(message.Text);
                    w.WriteLine(es
                        ? $"    - {name} — mensaje {hit.MessageIndex + 1}, {author}: «{quote}» (palabras: «{hit.Evidence}»)"
                        : $"    - {name} — message {hit.MessageIndex + 1}, {author}: “{quote}” (words: “{hit.Evidence}”)");
                }
            }

            w.WriteLine(es
                ? "  Nota: es una estimación automática a partir de patrones, no una acusación; una persona debe revisar los mensajes. El modelo se entrenó con chats en inglés de adultos que se hacían pasar por menores."
                : "  Note: this is an automatic estimate from patterns, not an accusation; a person must review the messages. The model was trained on English chats with adult decoys posing as children.");
        }

        public void WriteJson(Utf8JsonWriter w, AnalyzeContext context)
        {
            var a = Analysis;
            w.WriteStartObject();
            w.WriteNumber("risk", Math.Round(a.Risk, 4));
            w.WriteBoolean("alert", a.Alert);
            w.WriteString("level", Amparo.Detection.Scoring.ScoreJsonl.LevelName(a.Level));
            WriteNullable(w, "suspect", a.Suspect);
            WriteNullable(w, "likelySuspect", a.LikelySuspect);
            if (a.FirstAlert is { } fa)
            {
                w.WriteNumber("firstAlert", fa);
            }
            else
            {
                w.WriteNull("firstAlert");
            }

            w.WriteNumber("threshold", Math.Round(a.Threshold, 4));
            w.WriteBoolean("languageIndependent", a.LanguageIndependent);
            w.WriteStartArray("timeline");
            foreach (double r in a.Timeline)
            {
                w.WriteNumberValue(Math.Round(r, 4));
            }

            w.WriteEndArray();
            w.WriteStartArray("stages");
            foreach (var s in a.Stages)
            {
                w.WriteStartObject();
                w.WriteString("stage", s.Stage);
                w.WriteNumber("firstMessage", s.FirstMessage);
                w.WriteNumber("lastMessage", s.LastMessage);
                w.WriteNumber("hits", s.Hits);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("indicators");
            foreach (var hit in a.Indicators)
            {
                var def = Engine.Indicators?.Find(hit.IndicatorId);
                w.WriteStartObject();
                w.WriteString("id", hit.IndicatorId);
                w.WriteString("name", def?.Name(context.Text.Language) ?? hit.IndicatorId);
                w.WriteString("severity", def?.Severity.ToString().ToLowerInvariant() ?? "unknown");
                w.WriteNumber("message", hit.MessageIndex);
                w.WriteString("evidence", hit.Evidence);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
        {
            if (value is null)
            {
                w.WriteNull(name);
            }
            else
            {
                w.WriteString(name, value);
            }
        }

        private static string Quote(string text)
        {
            string flat = text.ReplaceLineEndings(" ");
            return flat.Length <= 160 ? flat : string.Concat(flat.AsSpan(0, 157), "…");
        }

        private static string Level(RiskLevel level, bool es) => level switch
        {
            RiskLevel.None => es ? "ninguno" : "none",
            RiskLevel.Low => es ? "bajo" : "low",
            RiskLevel.Medium => es ? "medio" : "medium",
            RiskLevel.High => es ? "alto" : "high",
            RiskLevel.Critical => es ? "crítico: amenaza o extorsión, actúe ahora" : "critical: threat or sextortion, act now",
        };

        private static string Stage(string stage, bool es) => (stage, es) switch
        {
            ("friendship", true) => "amistad",
            ("relationship", true) => "relación",
            ("risk-assessment", true) => "evaluación del riesgo",
            ("exclusivity", true) => "exclusividad",
            ("sexual", true) => "sexual",
            ("approach", true) => "acercamiento",
            ("coercion", true) => "coerción",
            ("risk-assessment", false) => "risk assessment",
            _ => stage,
        };
    }
}
