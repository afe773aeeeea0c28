using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Amparo.Detection.Streaming;

namespace Amparo.Detection.Model;

/// <summary>
/// The trained grooming model: two hashed linear message models (text: "does this line belong to a grooming
/// chat", role: "does this line read like the adult offender rather than the child persona") and a small
/// conversation layer over running per-author averages of those scores and indicator counts, then Platt
/// scaling to a calibrated probability, and the alert threshold chosen on training folds.
/// </summary>
public sealed class GroomingModel
{
    /// <summary>
    /// The conversation layer without the text-model features: message count, question rate and indicator-family
    /// counts only. The indicators are bilingual, the text model is not, so conversations that read as Spanish are
    /// scored by this layer, with its own calibration and threshold (chosen on the same training folds).
    /// </summary>
    internal sealed record LanguageIndependentLayer(double[] Weights, double PlattA, double PlattB, double Threshold);

    /// <summary>The embedded resource name and the committed file name under <c>models/</c>.</summary>
    public const string DefaultFileName = "amparo-grooming.bin";

    /// <summary>Shrinkage: every average acts as if it had this many extra neutral messages, so one line cannot decide.</summary>
    public const double Prior = 4.0;


    private const string Magic = "AMPARO-GROOMING1";
    private const int BaseFeatures = 5;

    internal GroomingModel(int hashBits, float[] weights, float textBias, float roleBias, IReadOnlyList<string> families,
        double[] conversationWeights, double plattA, double plattB, double threshold, string metadata, double suspectIndicatorWeight = 0.5,
        LanguageIndependentLayer? languageIndependent = null)
    {
        AnyLanguage = languageIndependent;
        SuspectIndicatorWeight = suspectIndicatorWeight;
        HashBits = hashBits;
        Weights = weights;
        TextBias = textBias;
        RoleBias = roleBias;
        Families = families;
        ConversationWeights = conversationWeights;
        PlattA = plattA;
        PlattB = plattB;
        Threshold = threshold;
        Metadata = metadata;
    }

    public int HashBits { get; }

    /// <summary>How much log(1 + groomer-party indicator hits) adds to an author's suspect score (chosen on training folds).</summary>
    public double SuspectIndicatorWeight { get; }

    internal int BucketMask => (1 << HashBits) - 1;

    /// <summary>Interleaved (text, role) weight per hash bucket.</summary>
    internal float[] Weights { get; }

    internal float TextBias { get; }

    internal float RoleBias { get; }

    /// <summary>The indicator families the conversation layer has a feature for, in feature order.</summary>
    public IReadOnlyList<string> Families { get; }

    internal double[] ConversationWeights { get; }

    internal double PlattA { get; }

    internal double PlattB { get; }

    /// <summary>Calibrated risk at or above which the streaming scorer alerts (English conversations).</summary>
    public double Threshold { get; }

    internal LanguageIndependentLayer? AnyLanguage { get; }

    /// <summary>True when the model has a layer for conversations in a language the text model did not learn.</summary>
    public bool HasLanguageIndependentLayer => AnyLanguage is not null;

    /// <summary>The alert threshold of the layer that scores this conversation.</summary>
    public double ThresholdFor(ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return UsesLanguageIndependent(state) ? AnyLanguage!.Threshold : Threshold;
    }

    internal bool UsesLanguageIndependent(ConversationState state) => AnyLanguage is not null && state.LanguageIndependent;

    /// <summary>Risk from which the level is at least Medium (half-way to the alert).</summary>
    public double MediumFrom => Threshold / 2;

    /// <summary>Risk from which the level is at least Low.</summary>
    public double LowFrom => Math.Min(0.1, Threshold / 4);

    /// <summary>Free text: how and from what the model was trained.</summary>
    public string Metadata { get; }

    internal static int FeatureCount(int families) => BaseFeatures + families;

    /// <summary>The language-independent layer's features: the family counts, distinct groomer tactics, and the tactic density of the busiest author.</summary>
    internal static int LanguageIndependentFeatureCount(int families) => FeatureCount(families) + 2;

    /// <summary>Scores one message: (text score, role score), both logits.</summary>
    public (float Text, float Role, bool Question) ScoreMessage(ReadOnlySpan<char> text)
    {
        Span<int> buffer = stackalloc int[TextFeaturizer.MaxFeatures];
        int n = TextFeaturizer.Extract(text, buffer, BucketMask, out bool question);
        float t = 0, r = 0;
        var w = Weights;
        for (int i = 0; i < n; i++)
        {
            int j = buffer[i] << 1;
            t += w[j];
            r += w[j + 1];
        }

        if (n > 0)
        {
            float x = 1f / MathF.Sqrt(n);
            t *= x;
            r *= x;
        }

        return (t + TextBias, r + RoleBias, question);
    }

    /// <summary>The conversation-layer features of a state (shared by training and scoring, so they agree).</summary>
    internal static void Features(ConversationState s, Span<double> f)
    {
        double maxText = double.NegativeInfinity, maxRole = double.NegativeInfinity;
        foreach (ref readonly var a in s.Authors)
        {
            if (a.Count == 0)
            {
                continue;
            }

            maxText = Math.Max(maxText, a.SumText / (a.Count + Prior));
            maxRole = Math.Max(maxRole, a.SumRole / (a.Count + Prior));
        }

        if (double.IsNegativeInfinity(maxText))
        {
            maxText = 0;
            maxRole = 0;
        }

        f[0] = s.SumText / (s.Messages + Prior);
        f[1] = maxText;
        f[2] = Math.Log(1 + s.Messages);
        f[3] = maxRole;
        f[4] = s.Questions / (s.Messages + Prior);
        var counts = s.FamilyCounts;
        for (int i = 0; i < counts.Length; i++)
        {
            f[BaseFeatures + i] = Math.Log(1 + counts[i]);
        }
    }

    /// <summary>
    /// The features the language-independent layer sees: tactics only (family counts, how many different groomer
    /// tactics, how densely one author uses them). The text-model scores are left out, and so are length and
    /// question rate: on their own they say how long a chat is, not whether it is grooming.
    /// </summary>
    internal static void LanguageIndependentFeatures(ConversationState s, Span<double> f)
    {
        int n = FeatureCount(s.FamilyCounts.Length);
        Features(s, f[..n]);
        f[..BaseFeatures].Clear();
        f[n] = System.Numerics.BitOperations.PopCount(s.GroomerFamilies);
        double density = 0;
        foreach (ref readonly var a in s.Authors)
        {
            density = Math.Max(density, a.GroomerHits / (a.Count + Prior));
        }

        f[n + 1] = density;
    }

    /// <summary>The uncalibrated conversation logit.</summary>
    internal double Logit(ConversationState s) => Logit(s, ConversationWeights, languageIndependent: false);

    internal static double Logit(ConversationState s, double[] w, bool languageIndependent)
    {
        Span<double> f = stackalloc double[languageIndependent ? LanguageIndependentFeatureCount(s.FamilyCounts.Length) : FeatureCount(s.FamilyCounts.Length)];
        if (languageIndependent)
        {
            LanguageIndependentFeatures(s, f);
        }
        else
        {
            Features(s, f);
        }

        double z = w[0];
        for (int i = 0; i < f.Length && i + 1 < w.Length; i++)
        {
            z += w[i + 1] * f[i];
        }

        return z;
    }

    /// <summary>The calibrated probability for a state.</summary>
    public double Risk(ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (UsesLanguageIndependent(state))
        {
            // Without the wording, a number with no tactic behind it would only restate the training mix (half
            // grooming): the layer says nothing until a groomer-party tactic is seen.
            if (!HasGroomerHits(state))
            {
                return 0;
            }

            var layer = AnyLanguage!;
            return SparseLogisticSgd.Sigmoid((layer.PlattA * Logit(state, layer.Weights, languageIndependent: true)) + layer.PlattB);
        }

        return Calibrate(Logit(state));
    }

    internal double Calibrate(double logit) => SparseLogisticSgd.Sigmoid((PlattA * logit) + PlattB);

    private static bool HasGroomerHits(ConversationState state)
    {
        foreach (ref readonly var a in state.Authors)
        {
            if (a.GroomerHits > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The author most likely to be the adult groomer: highest averaged role score plus groomer-party indicators.</summary>
    public string? LikelySuspect(ConversationState state) => UsesLanguageIndependent(state)
        ? LikelySuspect(state, indicatorWeight: 1, roleWeight: 0.001)
        : LikelySuspect(state, SuspectIndicatorWeight);

    /// <remarks>
    /// In a language the role model did not learn, its scores are noise: there the groomer-party tactics decide,
    /// and the role score only breaks ties.
    /// </remarks>
    internal static string? LikelySuspect(ConversationState state, double indicatorWeight, double roleWeight = 1)
    {
        ArgumentNullException.ThrowIfNull(state);
        string? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (ref readonly var a in state.Authors)
        {
            if (a.Count == 0 || a.Name.Length == 0)
            {
                continue;
            }

            double score = (roleWeight * a.SumRole / (a.Count + Prior)) + (indicatorWeight * Math.Log(1 + a.GroomerHits));
            if (score > bestScore)
            {
                bestScore = score;
                best = a.Name;
            }
        }

        return best;
    }

    /// <summary>Writes the model (deterministic bytes, ending in a SHA-256 of the content).</summary>
    public void Save(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Encoding.ASCII.GetBytes(Magic));
            w.Write(AnyLanguage is null ? 1 : 2);
            w.Write(HashBits);
            w.Write(TextBias);
            w.Write(RoleBias);
            w.Write(Families.Count);
            foreach (var f in Families)
            {
                w.Write(f);
            }

            w.Write(ConversationWeights.Length);
            foreach (var x in ConversationWeights)
            {
                w.Write(x);
            }

            w.Write(PlattA);
            w.Write(PlattB);
            w.Write(Threshold);
            w.Write(SuspectIndicatorWeight);
            w.Write(Metadata);
            w.Write(Weights.Length);
            foreach (var x in Weights)
            {
                w.Write(x);
            }

            // Version 2 appends the language-independent layer.
            if (AnyLanguage is { } layer)
            {
                w.Write(layer.Weights.Length);
                foreach (var x in layer.Weights)
                {
                    w.Write(x);
                }

                w.Write(layer.PlattA);
                w.Write(layer.PlattB);
                w.Write(layer.Threshold);
            }
        }

        var content = ms.ToArray();
        output.Write(content);
        output.Write(SHA256.HashData(content));
    }

    /// <summary>Reads a model written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> for a damaged or foreign file.</summary>
    public static GroomingModel Load(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var ms = new MemoryStream();
        input.CopyTo(ms);
        var all = ms.ToArray();
        if (all.Length < Magic.Length + 32 || !all.AsSpan(0, Magic.Length).SequenceEqual(Encoding.ASCII.GetBytes(Magic)))
        {
            throw new InvalidDataException("not an Amparo grooming model file");
        }

        var content = all.AsSpan(0, all.Length - 32);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(all.AsSpan(all.Length - 32)))
        {
            throw new InvalidDataException("the model file is damaged (checksum mismatch)");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(all, 0, all.Length - 32), Encoding.UTF8);
            r.ReadBytes(Magic.Length);
            int version = r.ReadInt32();
            if (version is not (1 or 2))
            {
                throw new InvalidDataException($"model format version {version} is not supported");
            }

            int bits = r.ReadInt32();
            if (bits is < 8 or > 26)
            {
                throw new InvalidDataException($"hash size 2^{bits} is out of range");
            }

            float tb = r.ReadSingle(), rb = r.ReadSingle();
            int nf = r.ReadInt32();
            var fams = new string[nf];
            for (int i = 0; i < nf; i++)
            {
                fams[i] = r.ReadString();
            }

            int nw = r.ReadInt32();
            if (nw != FeatureCount(nf) + 1)
            {
                throw new InvalidDataException("conversation layer size does not match its families");
            }

            var cw = new double[nw];
            for (int i = 0; i < nw; i++)
            {
                cw[i] = r.ReadDouble();
            }

            double a = r.ReadDouble(), b = r.ReadDouble(), th = r.ReadDouble(), sw = r.ReadDouble();
            string meta = r.ReadString();
            int n = r.ReadInt32();
            if (n != 2 << bits)
            {
                throw new InvalidDataException("weight table size does not match the hash size");
            }

            var weights = new float[n];
            var bytes = r.ReadBytes(n * sizeof(float));
            if (bytes.Length != n * sizeof(float))
            {
                throw new InvalidDataException("the model file is truncated");
            }

            Buffer.BlockCopy(bytes, 0, weights, 0, bytes.Length);
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("model files are little-endian");
            }

            LanguageIndependentLayer? anyLanguage = null;
            if (version == 2)
            {
                int nl = r.ReadInt32();
                if (nl != LanguageIndependentFeatureCount(nf) + 1)
                {
                    throw new InvalidDataException("language-independent layer size does not match its families");
                }

                var lw = new double[nl];
                for (int i = 0; i < nl; i++)
                {
                    lw[i] = r.ReadDouble();
                }

                anyLanguage = new LanguageIndependentLayer(lw, r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
            }

            return new GroomingModel(bits, weights, tb, rb, fams, cw, a, b, th, meta, sw, anyLanguage);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("the model file is truncated", ex);
        }
    }

    /// <summary>Loads a model file.</summary>
    public static GroomingModel Load(string path)
    {
        using var f = File.OpenRead(path);
        return Load(f);
    }

    private static readonly Lazy<GroomingModel> LazyDefault = new(LoadDefaultCore);

    /// <summary>
    /// The shipped model: embedded in this assembly (built from <c>models/amparo-grooming.bin</c>), so the CLI and
    /// the web find it without arguments. Loaded once.
    /// </summary>
    public static GroomingModel Default => LazyDefault.Value;

    private static GroomingModel LoadDefaultCore()
    {
        var asm = typeof(GroomingModel).Assembly;
        using var s = asm.GetManifestResourceStream(DefaultFileName);
        if (s is not null)
        {
            return Load(s);
        }

        string beside = Path.Combine(AppContext.BaseDirectory, DefaultFileName);
        if (File.Exists(beside))
        {
            return Load(beside);
        }

        throw new FileNotFoundException($"The shipped model {DefaultFileName} is neither embedded in {asm.GetName().Name} nor beside it ({beside}). Run `amparo train`.");
    }

    internal static Assembly ResourceAssembly => typeof(GroomingModel).Assembly;
}
