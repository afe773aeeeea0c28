namespace Amparo.Detection.Training;

/// <summary>
/// All labelled conversations read from the shared data folder, with the offender-grouped held-out split.
/// </summary>
public sealed class TrainingCorpus
{
    /// <summary>Fraction of groups (offenders, IRC logs, segments) held out for testing.</summary>
    public const double TestFraction = 0.25;

    private TrainingCorpus(IReadOnlyList<LabelledConversation> conversations, IReadOnlyList<string> warnings, ulong seed)
    {
        Conversations = conversations;
        Warnings = warnings;
        Seed = seed;
    }

    public IReadOnlyList<LabelledConversation> Conversations { get; }

    public IReadOnlyList<string> Warnings { get; }

    public ulong Seed { get; }

    /// <summary>Reads the Perverted-Justice, Ubuntu IRC and VTPAN folders under <paramref name="dataFolder"/>.</summary>
    public static TrainingCorpus Load(string dataFolder, ulong seed)
    {
        var warnings = new List<string>();
        var pj = PervertedJusticeReader.Read(Path.Combine(dataFolder, "perverted-justice"), seed, warnings);
        var irc = IrcUbuntuReader.Read(Path.Combine(dataFolder, "irc-ubuntu"), warnings);
        var vtpan = VtpanReader.Read(Path.Combine(dataFolder, "vtpan", "vtpan-segments-dev.csv"), warnings);
        var all = new List<LabelledConversation>(pj.Count + irc.Count + vtpan.Count);
        all.AddRange(pj);
        all.AddRange(irc);
        all.AddRange(AssignOffenders(vtpan, pj));
        return new TrainingCorpus(all, warnings, seed);
    }

    /// <summary>Builds a corpus from conversations already in memory (tests, small subsets).</summary>
    public static TrainingCorpus FromConversations(IReadOnlyList<LabelledConversation> conversations, ulong seed) =>
        new(conversations, [], seed);

    /// <summary>True when the group is in the held-out test part (stable: depends only on the group name and seed).</summary>
    public bool IsTest(string group) => Unit(group, Seed) < TestFraction;

    /// <summary>The cross-fitting fold (0..folds-1) of a training group.</summary>
    public int Fold(string group, int folds) => (int)(SplitMix.Mix(SplitMix.StableHash(group) ^ (Seed * 31UL + 7UL)) % (ulong)folds);

    public IReadOnlyList<LabelledConversation> Train => Conversations.Where(c => !IsTest(c.Group)).ToList();

    public IReadOnlyList<LabelledConversation> Test => Conversations.Where(c => IsTest(c.Group)).ToList();

    private static double Unit(string group, ulong seed) =>
        (SplitMix.Mix(SplitMix.StableHash(group) ^ seed) >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// PAN-2012 took its positives from Perverted-Justice, so a VTPAN positive may hold the same offender's
    /// lines as a PJ chat. We find its offender by shared 6-word shingles and give it that offender's group, so
    /// an offender never sits on both sides of the split.
    /// </summary>
    private static IEnumerable<LabelledConversation> AssignOffenders(IReadOnlyList<LabelledConversation> vtpan, IReadOnlyList<LabelledConversation> pj)
    {
        const int k = 6;
        var owner = new Dictionary<ulong, string>();
        foreach (var c in pj)
        {
            var words = Words(c.Lines.Where(l => string.Equals(l.Author, PervertedJusticeReader.OffenderAuthor, StringComparison.Ordinal)).Select(l => l.Text));
            foreach (var sh in Shingles(words, k))
            {
                owner.TryAdd(sh, c.Group);
            }
        }

        foreach (var v in vtpan)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var sh in Shingles(Words(v.Lines.Select(l => l.Text)), k))
            {
                if (owner.TryGetValue(sh, out var g))
                {
                    counts[g] = counts.GetValueOrDefault(g) + 1;
                }
            }

            var best = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).FirstOrDefault();
            yield return best.Value >= 3 ? v with { Group = best.Key } : v;
        }
    }

    private static List<string> Words(IEnumerable<string> texts)
    {
        var words = new List<string>();
        foreach (var t in texts)
        {
            foreach (var w in t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var folded = new string(w.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
                if (folded.Length > 0)
                {
                    words.Add(folded);
                }
            }
        }

        return words;
    }

    private static IEnumerable<ulong> Shingles(List<string> words, int k)
    {
        for (int i = 0; i + k <= words.Count; i++)
        {
            ulong h = 1469598103934665603UL;
            for (int j = i; j < i + k; j++)
            {
                h = SplitMix.Mix(h ^ SplitMix.StableHash(words[j]));
            }

            yield return h;
        }
    }
}
