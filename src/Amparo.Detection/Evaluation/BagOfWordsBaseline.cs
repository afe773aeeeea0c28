using Amparo.Detection.Model;
using Amparo.Detection.Training;

namespace Amparo.Detection.Evaluation;

/// <summary>
/// The plain baseline the model is compared with: one logistic regression over hashed lower-cased word counts
/// of the whole conversation (no n-grams, no roles, no indicators, no calibration), alerting at the first prefix
/// whose probability reaches 0.5.
/// </summary>
public sealed class BagOfWordsBaseline
{
    private const int Bits = 18;
    private readonly float[] _w;
    private readonly float _bias;

    private BagOfWordsBaseline(float[] w, float bias)
    {
        _w = w;
        _bias = bias;
    }

    public static BagOfWordsBaseline Train(IReadOnlyList<LabelledConversation> train, ulong seed, int epochs = 8)
    {
        ArgumentNullException.ThrowIfNull(train);
        var examples = train.Select(c => (Features: c.Lines.SelectMany(l => Tokens(l.Text)).ToArray(), c.Label)).ToList();
        var sgd = new SparseLogisticSgd(1 << Bits, 0.1, 1e-6);
        var rng = new SplitMix(seed);
        var order = Enumerable.Range(0, examples.Count).ToList();
        for (int e = 0; e < epochs; e++)
        {
            rng.Shuffle(order);
            foreach (int i in order)
            {
                sgd.Step(examples[i].Features, examples[i].Label, 1.0);
            }
        }

        var w = new float[1 << Bits];
        sgd.CopyTo(w, 1, 0);
        return new BagOfWordsBaseline(w, (float)sgd.Bias);
    }

    /// <summary>Scores a conversation prefix by prefix; returns the first alert index (or null) and the final probability.</summary>
    public (int? FirstAlert, double Risk) Score(IReadOnlyList<ChatLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        double sum = 0;
        int n = 0;
        double p = 0;
        int? first = null;
        for (int i = 0; i < lines.Count; i++)
        {
            foreach (int f in Tokens(lines[i].Text))
            {
                sum += _w[f];
                n++;
            }

            p = SparseLogisticSgd.Sigmoid(_bias + (n == 0 ? 0 : sum / Math.Sqrt(n)));
            if (first is null && p >= 0.5)
            {
                first = i;
            }
        }

        return (first, p);
    }

    private static IEnumerable<int> Tokens(string text)
    {
        uint h = 2166136261u;
        int len = 0;
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                h = (h ^ char.ToLowerInvariant(c)) * 16777619u;
                len++;
            }
            else if (len > 0)
            {
                yield return (int)(SplitMix.Mix(h) & ((1u << Bits) - 1));
                h = 2166136261u;
                len = 0;
            }
        }

        if (len > 0)
        {
            yield return (int)(SplitMix.Mix(h) & ((1u << Bits) - 1));
        }
    }
}
