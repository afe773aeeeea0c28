using System.Globalization;
using System.Text;
using Amparo.Detection.Indicators;
using Amparo.Detection.Model;
using Amparo.Detection.Training;

namespace Amparo.Detection.Evaluation;

/// <summary>A held-out conversation with what the detector said about it.</summary>
public sealed record HeldOutResult(LabelledConversation Conversation, ScoredConversation Scored);

/// <summary>
/// Scores the held-out offenders (and held-out benign logs and segments) exactly as <c>amparo score</c> would —
/// message by message through the streaming scorer — and prints the figures beside the bag-of-words baseline.
/// </summary>
public static class HeldOut
{
    public static IReadOnlyList<HeldOutResult> Score(DetectionEngine engine, IEnumerable<LabelledConversation> conversations, bool languageIndependent = false)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(conversations);
        var results = new List<HeldOutResult>();
        foreach (var c in conversations)
        {
            var scorer = languageIndependent ? engine.CreateLanguageIndependentScorer() : engine.CreateScorer();
            int? first = null;
            for (int i = 0; i < c.Lines.Count; i++)
            {
                if (scorer.Push(c.Lines[i].Author, c.Lines[i].Text).AlertFiredNow)
                {
                    first = i;
                }
            }

            results.Add(new HeldOutResult(c, new ScoredConversation(c.Label, first is not null, first, scorer.Suspect, c.Suspect)));
        }

        return results;
    }

    /// <summary>Suspect accuracy over every held-out grooming conversation with a known offender, alert or not (the role model's own accuracy).</summary>
    public static double LikelySuspectAccuracy(DetectionEngine engine, IEnumerable<LabelledConversation> conversations)
    {
        ArgumentNullException.ThrowIfNull(engine);
        int n = 0, ok = 0;
        foreach (var c in conversations.Where(c => c.Label == 1 && c.Suspect is not null))
        {
            var scorer = engine.CreateScorer();
            foreach (var l in c.Lines)
            {
                scorer.Push(l.Author, l.Text);
            }

            n++;
            ok += string.Equals(scorer.LikelySuspect, c.Suspect, StringComparison.Ordinal) ? 1 : 0;
        }

        return n == 0 ? double.NaN : (double)ok / n;
    }

    public static string Report(GroomingModel model, IIndicatorMatcher? indicators, IReadOnlyList<LabelledConversation> train,
        IReadOnlyList<LabelledConversation> test, TrainingOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = new DetectionEngine(model, indicators);
        var scored = Score(engine, test);
        var baseline = BagOfWordsBaseline.Train(train, options.Seed);
        var baseScored = test.Select(c =>
        {
            var (first, _) = baseline.Score(c.Lines);
            // The baseline names no suspect, so it gets no suspect figure.
            return new HeldOutResult(c, new ScoredConversation(c.Label, first is not null, first, null, null));
        }).ToList();
        log?.WriteLine("held-out scored");
        var anyLanguage = model.HasLanguageIndependentLayer ? Score(engine, test, languageIndependent: true) : null;
        return Table(scored, baseScored, LikelySuspectAccuracy(engine, test), anyLanguage);
    }

    public static string Table(IReadOnlyList<HeldOutResult> model, IReadOnlyList<HeldOutResult> baseline, double likelySuspectAccuracy,
        IReadOnlyList<HeldOutResult>? languageIndependent = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        static bool Hard(HeldOutResult r) => r.Conversation.Source == CorpusSource.Vtpan;
        static bool Start(HeldOutResult r) => r.Conversation.Label == 0 || (r.Conversation.Source == CorpusSource.PervertedJustice && r.Conversation.Segment == 0);
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant($"Held-out split grouped by offender: {ModelTrainer.Describe(model.Select(r => r.Conversation))}"));
        sb.AppendLine();
        sb.AppendLine(DetectionMetrics.TableHeader);
        sb.AppendLine(DetectionMetrics.Compute(model.Select(r => r.Scored)).ToTableRow("Amparo model — all held-out"));
        sb.AppendLine(DetectionMetrics.Compute(baseline.Select(r => r.Scored)).ToTableRow("bag-of-words baseline — all held-out"));
        sb.AppendLine(DetectionMetrics.Compute(model.Where(Hard).Select(r => r.Scored)).ToTableRow("Amparo model — VTPAN only (hard negatives)"));
        sb.AppendLine(DetectionMetrics.Compute(baseline.Where(Hard).Select(r => r.Scored)).ToTableRow("bag-of-words baseline — VTPAN only"));
        sb.AppendLine(DetectionMetrics.Compute(model.Where(Start).Select(r => r.Scored)).ToTableRow("Amparo model — PJ chat openings only (segment 0) + all negatives"));
        sb.AppendLine(DetectionMetrics.Compute(baseline.Where(Start).Select(r => r.Scored)).ToTableRow("bag-of-words baseline — PJ chat openings + all negatives"));
        if (languageIndependent is not null)
        {
            sb.AppendLine(DetectionMetrics.Compute(languageIndependent.Select(r => r.Scored)).ToTableRow("Amparo language-independent layer (how Spanish chats are scored) — all held-out"));
            sb.AppendLine(DetectionMetrics.Compute(languageIndependent.Where(Hard).Select(r => r.Scored)).ToTableRow("Amparo language-independent layer — VTPAN only"));
            sb.AppendLine(DetectionMetrics.Compute(languageIndependent.Where(Start).Select(r => r.Scored)).ToTableRow("Amparo language-independent layer — PJ chat openings + all negatives"));
        }

        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Suspect accuracy over all held-out grooming conversations (alert or not): {likelySuspectAccuracy:F3}"));
        return sb.ToString();
    }
}
