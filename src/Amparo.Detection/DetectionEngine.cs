using Amparo.Core;
using Amparo.Detection.Indicators;
using Amparo.Detection.Model;
using Amparo.Detection.Streaming;

namespace Amparo.Detection;

/// <summary>
/// The entry point to detection: the shipped model and the tactic indicators, giving both the whole-conversation
/// analyzer and the early-warning streaming detector. <c>DetectionEngine.LoadDefault()</c> needs no arguments.
/// </summary>
public sealed class DetectionEngine : IConversationAnalyzer
{
    private readonly DetectorCore _core;

    public DetectionEngine(GroomingModel model, IIndicatorMatcher? indicators)
    {
        ArgumentNullException.ThrowIfNull(model);
        _core = new DetectorCore(model, indicators);
    }

    /// <summary>The shipped model with the default indicator catalogue.</summary>
    public static DetectionEngine LoadDefault() => new(GroomingModel.Default, DefaultIndicators.Matcher);

    /// <summary>The default indicator catalogue (null while none is built in).</summary>
    public static IIndicatorMatcher? LoadDefaultIndicators() => DefaultIndicators.Matcher;

    public GroomingModel Model => _core.Model;

    public IIndicatorMatcher? Indicators => _core.Matcher;

    /// <summary>A thread-safe early-warning detector for many conversations.</summary>
    public StreamingDetector CreateStreamingDetector() => new(_core);

    /// <summary>A single-conversation scorer (not thread-safe, cheapest path).</summary>
    public ConversationScorer CreateScorer() => new(_core);

    /// <summary>
    /// A scorer that uses the model's language-independent layer whatever the language: how a Spanish conversation
    /// is scored, measured on the English held-out data (the only labelled data there is).
    /// </summary>
    public ConversationScorer CreateLanguageIndependentScorer() => new(_core, forceLanguageIndependent: true);

    /// <summary>
    /// Runs the streaming scorer over the whole conversation: the timeline is the risk after each message,
    /// the alert and its index are exactly what early warning would have said, stages come from the
    /// indicators' definitions. System messages (no author) are not scored; their timeline entry repeats the
    /// risk before them.
    /// </summary>
    public ConversationAnalysis Analyze(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var scorer = CreateScorer();
        var hits = new List<IndicatorHit>();
        var timeline = new double[conversation.Messages.Count];
        int? firstAlert = null;
        var scratch = new List<IndicatorHit>();
        for (int i = 0; i < conversation.Messages.Count; i++)
        {
            var m = conversation.Messages[i];
            if (m.Kind == MessageKind.System || m.AuthorId.Length == 0)
            {
                timeline[i] = scorer.State.Risk;
                continue;
            }

            scratch.Clear();
            bool media = m.Kind == MessageKind.Media || m.Attachments.Count > 0;
            var step = scorer.Push(m.AuthorId, m.Text, media, scratch);
            foreach (var h in scratch)
            {
                // The scorer counts only scored messages; report hits at the conversation's own index.
                hits.Add(h with { MessageIndex = i });
            }

            timeline[i] = step.Risk;
            if (step.AlertFiredNow)
            {
                firstAlert = i;
            }
        }

        return new ConversationAnalysis
        {
            ConversationId = conversation.Id,
            Risk = scorer.State.Risk,
            Alert = scorer.State.Alerted,
            Level = scorer.Level,
            Suspect = scorer.Suspect,
            LikelySuspect = scorer.LikelySuspect,
            FirstAlert = firstAlert,
            Indicators = hits,
            Timeline = timeline,
            Stages = StagesOf(hits),
            Threshold = _core.Model.ThresholdFor(scorer.State),
            LanguageIndependent = _core.Model.UsesLanguageIndependent(scorer.State),
        };
    }

    private List<StageSpan> StagesOf(List<IndicatorHit> hits)
    {
        var spans = new List<StageSpan>();
        if (_core.Matcher is not { } matcher)
        {
            return spans;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var h in hits)
        {
            if (matcher.Find(h.IndicatorId)?.Stage is not { Length: > 0 } stage)
            {
                continue;
            }

            if (index.TryGetValue(stage, out int i))
            {
                var s = spans[i];
                spans[i] = s with { LastMessage = Math.Max(s.LastMessage, h.MessageIndex), Hits = s.Hits + 1 };
            }
            else
            {
                index[stage] = spans.Count;
                spans.Add(new StageSpan(stage, h.MessageIndex, h.MessageIndex, 1));
            }
        }

        return spans;
    }
}

/// <summary>The indicator catalogue used by <see cref="DetectionEngine.LoadDefault"/>.</summary>
internal static class DefaultIndicators
{
    public static IIndicatorMatcher? Matcher => IndicatorCatalog.Default;
}
