using System.Globalization;
using System.Text;
using Amparo.Detection.Evaluation;
using Amparo.Detection.Indicators;
using Amparo.Detection.Streaming;
using Amparo.Detection.Training;

namespace Amparo.Detection.Model;

/// <summary>Knobs of <see cref="ModelTrainer"/>; the defaults made the shipped model.</summary>
public sealed record TrainingOptions
{
    public ulong Seed { get; init; } = 20260123;

    /// <summary>Hash buckets = 2^HashBits (the model file holds two floats per bucket).</summary>
    public int HashBits { get; init; } = 19;

    /// <summary>Cross-fitting folds inside the training part; the last fold calibrates.</summary>
    public int Folds { get; init; } = 4;

    public int TextDraws { get; init; } = 3_000_000;

    public int RoleDraws { get; init; } = 2_000_000;

    public double Eta0 { get; init; } = 0.1;

    public double Lambda { get; init; } = 1e-6;

    /// <summary>False alerts per benign training conversation the threshold may allow overall (margin under the 5/1000 target).</summary>
    public double TargetFalseAlertRate { get; init; } = 0.003;

    /// <summary>The same bound over the hard negatives (VTPAN non-grooming segments) alone.</summary>
    public double TargetHardFalseAlertRate { get; init; } = 0.005;

    /// <summary>Use only every n-th group (1 = all); for quick tests.</summary>
    public int Subsample { get; init; } = 1;
}

/// <summary>What training produced: the model, and how it did on the held-out offenders.</summary>
public sealed record TrainingResult(GroomingModel Model, string Report);

/// <summary>
/// Trains the grooming model from a <see cref="TrainingCorpus"/>, deterministically: single-threaded, every
/// random choice from a seeded <see cref="SplitMix"/>, every collection in a fixed order. Steps: the message
/// models are cross-fitted on grouped folds so the conversation layer learns from honest out-of-fold scores;
/// the conversation layer is fitted on all folds but the last, Platt scaling on the last; the alert threshold is
/// the lowest that keeps out-of-fold false alerts under the target. Only the training part of the offender split
/// is used; the held-out part is scored once at the end for the report.
/// </summary>
public static class ModelTrainer
{
    private sealed class Prepared
    {
        public required LabelledConversation C { get; init; }
        public required int[][] Features { get; init; }
        public required bool[] Questions { get; init; }
        public required IndicatorEffect[][] Effects { get; init; }
        public int Fold { get; set; }
        public float[] OofText { get; set; } = [];
        public float[] OofRole { get; set; } = [];
        public int Stratum { get; init; }
    }

    // Sampling shares per (source, label) stratum: PJ positives, VTPAN positives, IRC negatives, VTPAN
    // negatives (the hard ones get a large share so sexual words alone cannot carry the decision).
    private static readonly double[] Shares = [0.35, 0.15, 0.2, 0.3];

    private static int StratumOf(LabelledConversation c) => (c.Source, c.Label) switch
    {
        (CorpusSource.Vtpan, 1) => 1,
        (CorpusSource.Vtpan, _) => 3,
        (_, 1) => 0,
        _ => 2,
    };

    public static TrainingResult Train(TrainingCorpus corpus, IIndicatorMatcher? indicators, TrainingOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        log ??= TextWriter.Null;
        var families = indicators is null
            ? []
            : indicators.Definitions.Select(d => d.Family).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int mask = (1 << options.HashBits) - 1;
        var familyModel = new GroomingModel(options.HashBits, [], 0, 0, families, new double[GroomingModel.FeatureCount(families.Count) + 1], 1, 0, 1, "");
        var core = new DetectorCore(familyModel, indicators);

        var selected = corpus.Conversations.Where(c => options.Subsample <= 1 || SplitMix.StableHash(c.Group) % (ulong)options.Subsample == 0).ToList();
        var train = selected.Where(c => !corpus.IsTest(c.Group)).ToList();
        var test = selected.Where(c => corpus.IsTest(c.Group)).ToList();
        log.WriteLine(FormattableString.Invariant($"conversations: {selected.Count} ({train.Count} train, {test.Count} held out); groups: {selected.Select(c => c.Group).Distinct(StringComparer.Ordinal).Count()}"));

        var prepared = train.Select(c => Prepare(c, mask, core, corpus.Fold(c.Group, options.Folds))).ToList();
        var byStratum = Enumerable.Range(0, 4).Select(s => prepared.Where(p => p.Stratum == s).ToList()).ToArray();
        log.WriteLine("train strata (PJ+, VTPAN+, IRC−, VTPAN−): " + string.Join(", ", byStratum.Select(s => s.Count.ToString(CultureInfo.InvariantCulture))));

        // 1. Cross-fitted message models → out-of-fold scores.
        for (int k = 0; k < options.Folds; k++)
        {
            var w = TrainMessageModels(prepared, p => p.Fold != k, options, mask, options.Seed + (ulong)k + 1);
            foreach (var p in prepared.Where(p => p.Fold == k))
            {
                ScoreOof(p, w, mask);
            }

            log.WriteLine(FormattableString.Invariant($"fold {k + 1}/{options.Folds} message models done"));
        }

        var final = TrainMessageModels(prepared, _ => true, options, mask, options.Seed);

        // 2. Conversation layer on prefixes, from out-of-fold scores.
        int calFold = options.Folds - 1;
        var (rows, labels, weights, folds) = PrefixRows(prepared, families.Count);
        var fitIdx = Enumerable.Range(0, rows.Count).Where(i => folds[i] != calFold).ToList();
        var calIdx = Enumerable.Range(0, rows.Count).Where(i => folds[i] == calFold).ToList();
        var conv = DenseLogistic.Fit(fitIdx.ConvertAll(i => rows[i]), fitIdx.ConvertAll(i => labels[i]), fitIdx.ConvertAll(i => weights[i]), l2: 1e-3);
        var calRows = calIdx.ConvertAll(i => new[] { Dot(conv, rows[i]) });
        var platt = DenseLogistic.Fit(calRows, calIdx.ConvertAll(i => labels[i]), calIdx.ConvertAll(i => weights[i]), l2: 0);
        log.WriteLine("conversation layer: " + string.Join(" ", conv.Select(x => x.ToString("F3", CultureInfo.InvariantCulture))) +
            FormattableString.Invariant($"; Platt a={platt[1]:F3} b={platt[0]:F3}"));

        // 3. Threshold from out-of-fold streaming replays of every training conversation.
        var calibrated = new GroomingModel(options.HashBits, final.Weights, final.TextBias, final.RoleBias, families, conv, platt[1], platt[0], 2.0, "");
        double threshold = ChooseThreshold(calibrated, prepared, families.Count, options, languageIndependent: false, out int benignCount, out int hardCount);
        log.WriteLine(FormattableString.Invariant($"alert threshold {threshold:F4} (benign train conversations: {benignCount}, hard: {hardCount})"));

        // 4. The language-independent layer (for Spanish and any language the text model did not learn): the same
        // rows and folds with only the indicator-family features, its own Platt scaling and threshold.
        var (anyRows, _, _, _) = PrefixRows(prepared, families.Count, languageIndependent: true);
        var anyConv = DenseLogistic.Fit(fitIdx.ConvertAll(i => anyRows[i]), fitIdx.ConvertAll(i => labels[i]), fitIdx.ConvertAll(i => weights[i]), l2: 1e-3);
        var anyPlatt = DenseLogistic.Fit(calIdx.ConvertAll(i => new[] { Dot(anyConv, anyRows[i]) }), calIdx.ConvertAll(i => labels[i]), calIdx.ConvertAll(i => weights[i]), l2: 0);
        var anyProbe = new GroomingModel(options.HashBits, final.Weights, final.TextBias, final.RoleBias, families, conv, platt[1], platt[0], 2.0, "",
            languageIndependent: new GroomingModel.LanguageIndependentLayer(anyConv, anyPlatt[1], anyPlatt[0], 2.0));
        double anyThreshold = ChooseThreshold(anyProbe, prepared, families.Count, options, languageIndependent: true, out _, out _);
        var anyLayer = new GroomingModel.LanguageIndependentLayer(anyConv, anyPlatt[1], anyPlatt[0], anyThreshold);
        log.WriteLine("language-independent layer: " + string.Join(" ", anyConv.Select(x => x.ToString("F3", CultureInfo.InvariantCulture))) +
            FormattableString.Invariant($"; Platt a={anyPlatt[1]:F3} b={anyPlatt[0]:F3}; alert threshold {anyThreshold:F4}"));

        double suspectWeight = ChooseSuspectWeight(prepared, families.Count, log);
        string meta = FormattableString.Invariant(
            $"amparo-grooming; seed={options.Seed}; hashBits={options.HashBits}; folds={options.Folds}; textDraws={options.TextDraws}; roleDraws={options.RoleDraws}; subsample={options.Subsample}; train conversations={train.Count}; held-out conversations={test.Count}; families={string.Join(",", families)}");
        var model = new GroomingModel(options.HashBits, final.Weights, final.TextBias, final.RoleBias, families, conv, platt[1], platt[0], threshold, meta, suspectWeight, anyLayer);

        string report = HeldOut.Report(model, indicators, train, test, options, log);
        return new TrainingResult(model, report);
    }

    private sealed record MessageWeights(float[] Weights, float TextBias, float RoleBias);

    private static Prepared Prepare(LabelledConversation c, int mask, DetectorCore core, int fold)
    {
        var feats = new int[c.Lines.Count][];
        var qs = new bool[c.Lines.Count];
        var effects = new IndicatorEffect[c.Lines.Count][];
        Span<int> buf = stackalloc int[TextFeaturizer.MaxFeatures];
        var hits = new List<IndicatorHit>();
        var session = core.NewSession();
        for (int i = 0; i < c.Lines.Count; i++)
        {
            int n = TextFeaturizer.Extract(c.Lines[i].Text, buf, mask, out qs[i]);
            feats[i] = buf[..n].ToArray();
            if (session is not null)
            {
                hits.Clear();
                session.Push(c.Lines[i].Author, c.Lines[i].Text, false, hits);
                effects[i] = hits.Count == 0 ? [] : hits.ConvertAll(h => core.EffectOf(h.IndicatorId)).ToArray();
            }
            else
            {
                effects[i] = [];
            }
        }

        return new Prepared { C = c, Features = feats, Questions = qs, Effects = effects, Fold = fold, Stratum = StratumOf(c) };
    }

    private static MessageWeights TrainMessageModels(List<Prepared> all, Func<Prepared, bool> include, TrainingOptions o, int mask, ulong seed)
    {
        var rng = new SplitMix(seed);
        var strata = Enumerable.Range(0, 4).Select(s => all.Where(p => p.Stratum == s && include(p) && p.Features.Length > 0).ToList()).ToArray();
        var cumulative = new double[4];
        double acc = 0, total = 0;
        for (int s = 0; s < 4; s++)
        {
            total += strata[s].Count > 0 ? Shares[s] : 0;
        }

        for (int s = 0; s < 4; s++)
        {
            acc += strata[s].Count > 0 ? Shares[s] / total : 0;
            cumulative[s] = acc;
        }

        var text = new SparseLogisticSgd(mask + 1, o.Eta0, o.Lambda);
        for (int d = 0; d < o.TextDraws; d++)
        {
            double u = rng.NextDouble();
            int s = 0;
            while (s < 3 && (u >= cumulative[s] || strata[s].Count == 0))
            {
                s++;
            }

            var list = strata[s];
            if (list.Count == 0)
            {
                continue;
            }

            var p = list[rng.Next(list.Count)];
            text.Step(p.Features[rng.Next(p.Features.Length)], p.C.Label, 1.0);
        }

        // The role model: offender lines against the decoy's, from Perverted-Justice chats only (the only data
        // that says who is who).
        var pj = all.Where(p => p.C.Source == CorpusSource.PervertedJustice && p.C.Suspect is not null && include(p)).ToList();
        var role = new SparseLogisticSgd(mask + 1, o.Eta0, o.Lambda);
        if (pj.Count > 0)
        {
            for (int d = 0; d < o.RoleDraws; d++)
            {
                var p = pj[rng.Next(pj.Count)];
                int i = rng.Next(p.Features.Length);
                role.Step(p.Features[i], string.Equals(p.C.Lines[i].Author, p.C.Suspect, StringComparison.Ordinal) ? 1 : 0, 1.0);
            }
        }

        var weights = new float[2 * (mask + 1)];
        text.CopyTo(weights, 2, 0);
        role.CopyTo(weights, 2, 1);
        return new MessageWeights(weights, (float)text.Bias, (float)role.Bias);
    }

    private static void ScoreOof(Prepared p, MessageWeights w, int mask)
    {
        _ = mask;
        p.OofText = new float[p.Features.Length];
        p.OofRole = new float[p.Features.Length];
        for (int i = 0; i < p.Features.Length; i++)
        {
            float t = 0, r = 0;
            foreach (int f in p.Features[i])
            {
                t += w.Weights[2 * f];
                r += w.Weights[(2 * f) + 1];
            }

            if (p.Features[i].Length > 0)
            {
                float x = 1f / MathF.Sqrt(p.Features[i].Length);
                t *= x;
                r *= x;
            }

            p.OofText[i] = t + w.TextBias;
            p.OofRole[i] = r + w.RoleBias;
        }
    }

    private static bool IsCut(int n, int total)
    {
        if (n == total || n <= 6)
        {
            return true;
        }

        // Roughly geometric prefix lengths: 8, 10, 12, 15, 19, 24, 30, …
        int c = 6;
        while (c < n)
        {
            c = Math.Max(c + 2, (int)(c * 1.25));
        }

        return c == n;
    }

    private static (List<double[]> Rows, List<int> Labels, List<double> Weights, List<int> Folds) PrefixRows(List<Prepared> prepared, int families, bool languageIndependent = false)
    {
        var rows = new List<double[]>();
        var labels = new List<int>();
        var weights = new List<double>();
        var folds = new List<int>();
        var strataCounts = new int[4];
        foreach (var p in prepared)
        {
            strataCounts[p.Stratum]++;
        }

        int nf = languageIndependent ? GroomingModel.LanguageIndependentFeatureCount(families) : GroomingModel.FeatureCount(families);
        foreach (var p in prepared)
        {
            if (p.Features.Length == 0)
            {
                continue;
            }

            var state = new ConversationState(families);
            var cuts = new List<double[]>();
            for (int i = 0; i < p.Features.Length; i++)
            {
                state.Observe(p.C.Lines[i].Author, p.OofText[i], p.OofRole[i], p.Questions[i], p.Effects[i]);
                if (IsCut(i + 1, p.Features.Length))
                {
                    var f = new double[nf];
                    if (languageIndependent)
                    {
                        GroomingModel.LanguageIndependentFeatures(state, f);
                    }
                    else
                    {
                        GroomingModel.Features(state, f);
                    }

                    cuts.Add(f);
                }
            }

            // Each stratum carries its share in total, each conversation an equal part of it.
            double w = Shares[p.Stratum] / strataCounts[p.Stratum] / cuts.Count * 1000;
            foreach (var f in cuts)
            {
                rows.Add(f);
                labels.Add(p.C.Label);
                weights.Add(w);
                folds.Add(p.Fold);
            }
        }

        return (rows, labels, weights, folds);
    }

    /// <summary>
    /// The lowest alert threshold that keeps out-of-fold false alerts under both targets (all benign training
    /// conversations, and the hard negatives alone), from streaming replays with the given layer.
    /// </summary>
    private static double ChooseThreshold(GroomingModel model, List<Prepared> prepared, int families, TrainingOptions options, bool languageIndependent, out int benignCount, out int hardCount)
    {
        var benign = new List<double>();
        var hard = new List<double>();
        foreach (var p in prepared.Where(p => p.C.Label == 0))
        {
            double max = MaxRisk(model, p, families, out bool critical, languageIndependent);
            max = critical ? 2.0 : max;
            benign.Add(max);
            if (p.C.Source == CorpusSource.Vtpan)
            {
                hard.Add(max);
            }
        }

        benignCount = benign.Count;
        hardCount = hard.Count;
        return Math.Clamp(Math.Max(Quantile(benign, options.TargetFalseAlertRate), Quantile(hard, options.TargetHardFalseAlertRate)), 0.05, 0.999);
    }

    private static double MaxRisk(GroomingModel model, Prepared p, int families, out bool critical, bool languageIndependent = false)
    {
        var state = new ConversationState(families) { ForceLanguageIndependent = languageIndependent };
        double max = 0;
        for (int i = 0; i < p.Features.Length; i++)
        {
            state.Observe(p.C.Lines[i].Author, p.OofText[i], p.OofRole[i], p.Questions[i], p.Effects[i]);
            max = Math.Max(max, model.Risk(state));
        }

        critical = state.Critical;
        return max;
    }

    /// <summary>How much groomer-party indicators count toward the suspect: the candidate with the best out-of-fold accuracy on training chats.</summary>
    private static double ChooseSuspectWeight(List<Prepared> prepared, int families, TextWriter log)
    {
        double[] candidates = [0, 0.1, 0.25, 0.5, 1.0];
        var correct = new int[candidates.Length];
        int n = 0;
        foreach (var p in prepared.Where(p => p.C.Label == 1 && p.C.Suspect is not null && p.Features.Length > 0))
        {
            var state = new ConversationState(families);
            for (int i = 0; i < p.Features.Length; i++)
            {
                state.Observe(p.C.Lines[i].Author, p.OofText[i], p.OofRole[i], p.Questions[i], p.Effects[i]);
            }

            n++;
            for (int c = 0; c < candidates.Length; c++)
            {
                if (string.Equals(GroomingModel.LikelySuspect(state, candidates[c]), p.C.Suspect, StringComparison.Ordinal))
                {
                    correct[c]++;
                }
            }
        }

        int best = 0;
        for (int c = 1; c < candidates.Length; c++)
        {
            if (correct[c] > correct[best])
            {
                best = c;
            }
        }

        log.WriteLine("suspect indicator weight (out-of-fold accuracy): " + string.Join(", ", candidates.Select((w, i) => FormattableString.Invariant($"{w}: {(n == 0 ? 0 : (double)correct[i] / n):F4}"))) + FormattableString.Invariant($" → {candidates[best]}"));
        return candidates[best];
    }

    private static double Dot(double[] w, double[] f)
    {
        double z = w[0];
        for (int i = 0; i < f.Length; i++)
        {
            z += w[i + 1] * f[i];
        }

        return z;
    }

    /// <summary>The smallest threshold above all but a <paramref name="rate"/> share of <paramref name="maxRisks"/>.</summary>
    private static double Quantile(List<double> maxRisks, double rate)
    {
        if (maxRisks.Count == 0)
        {
            return 0;
        }

        var sorted = maxRisks.ToArray();
        Array.Sort(sorted);
        int allowed = (int)Math.Floor(rate * sorted.Length);
        // Alert when risk >= threshold: place it just above the (allowed+1)-th largest value.
        double v = sorted[sorted.Length - 1 - allowed];
        return Math.BitIncrement(v);
    }

    internal static string Describe(IEnumerable<LabelledConversation> cs)
    {
        var sb = new StringBuilder();
        foreach (var g in cs.GroupBy(c => (c.Source, c.Label)).OrderBy(g => g.Key.Source).ThenBy(g => g.Key.Label))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{g.Key.Source}/{g.Key.Label}: {g.Count()}  ");
        }

        return sb.ToString().TrimEnd();
    }
}
