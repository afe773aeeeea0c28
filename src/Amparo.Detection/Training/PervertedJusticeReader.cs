using System.Text;

namespace Amparo.Detection.Training;

/// <summary>
/// Reads the cleaned Perverted-Justice corpus: <c>predators/predator_NICK.txt</c> holds every line the offender
/// wrote in one chat, <c>officers/officer_NICK[_n].txt</c> the decoy's lines of the same chat. The files are
/// NOT interleaved (usernames and timestamps were removed), so the original turn order is lost. We rebuild a
/// plausible order by merging each file by relative position (line i of n sits at (i + 0.5) / n), which keeps
/// both sides' own order and their rough alignment, and then cut the chat into consecutive segments of 30–120
/// messages (seeded), as PAN-2012 cut chats into sessions. Turn-taking and who-starts in the result are
/// artefacts of this merge, so the model does not use them as features.
/// </summary>
public static class PervertedJusticeReader
{
    public const string OffenderAuthor = "offender";

    /// <summary>Reads every chat under <paramref name="folder"/> (the <c>perverted-justice</c> folder).</summary>
    public static IReadOnlyList<LabelledConversation> Read(string folder, ulong seed, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        string predators = Path.Combine(folder, "predators");
        string officers = Path.Combine(folder, "officers");
        if (!Directory.Exists(predators) || !Directory.Exists(officers))
        {
            throw new DirectoryNotFoundException($"Perverted-Justice folders missing under {folder} (expected predators/ and officers/)");
        }

        var officerFiles = Directory.GetFiles(officers, "officer_*.txt");
        Array.Sort(officerFiles, StringComparer.Ordinal);
        var byNick = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var predatorFiles = Directory.GetFiles(predators, "predator_*.txt");
        Array.Sort(predatorFiles, StringComparer.Ordinal);
        foreach (var p in predatorFiles)
        {
            byNick[Path.GetFileNameWithoutExtension(p)["predator_".Length..]] = [];
        }

        foreach (var o in officerFiles)
        {
            string name = Path.GetFileNameWithoutExtension(o)["officer_".Length..];
            if (byNick.TryGetValue(name, out var list))
            {
                list.Add(o);
                continue;
            }

            int us = name.LastIndexOf('_');
            if (us > 0 && int.TryParse(name.AsSpan(us + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                && byNick.TryGetValue(name[..us], out var list2))
            {
                list2.Add(o);
            }
            else
            {
                warnings.Add($"{o}: no matching predator file; skipped");
            }
        }

        var result = new List<LabelledConversation>();
        foreach (var p in predatorFiles)
        {
            string nick = Path.GetFileNameWithoutExtension(p)["predator_".Length..];
            var offenderLines = ReadLines(p);
            var sides = new List<(string Author, List<string> Lines)> { (OffenderAuthor, offenderLines) };
            int d = 0;
            foreach (var o in byNick[nick])
            {
                d++;
                sides.Add((d == 1 ? "decoy" : $"decoy{d}", ReadLines(o)));
            }

            if (sides.Count == 1)
            {
                warnings.Add($"{p}: no decoy file; skipped");
                continue;
            }

            var merged = Merge(sides);
            var rng = new SplitMix(seed ^ SplitMix.StableHash(nick));
            int start = 0, segment = 0;
            while (start < merged.Count)
            {
                int len = 30 + rng.Next(91);
                int end = Math.Min(merged.Count, start + len);
                // A short tail joins the previous segment rather than becoming a tiny positive.
                if (merged.Count - end < 10)
                {
                    end = merged.Count;
                }

                var lines = merged.GetRange(start, end - start);
                if (lines.Exists(l => string.Equals(l.Author, OffenderAuthor, StringComparison.Ordinal)))
                {
                    result.Add(new LabelledConversation($"pj/{nick}/{segment}", "pj:" + nick, CorpusSource.PervertedJustice, 1, OffenderAuthor, lines, segment));
                }

                segment++;
                start = end;
            }
        }

        return result;
    }

    private static List<ChatLine> Merge(List<(string Author, List<string> Lines)> sides)
    {
        var all = new List<(double Key, int Side, int Index, ChatLine Line)>();
        for (int s = 0; s < sides.Count; s++)
        {
            var (author, lines) = sides[s];
            for (int i = 0; i < lines.Count; i++)
            {
                all.Add(((i + 0.5) / lines.Count, s, i, new ChatLine(author, lines[i])));
            }
        }

        all.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Side != b.Side ? a.Side.CompareTo(b.Side) : a.Index.CompareTo(b.Index));
        return all.ConvertAll(x => x.Line);
    }

    private static List<string> ReadLines(string path)
    {
        var lines = new List<string>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            string t = line.Trim();
            if (t.Length > 0)
            {
                lines.Add(t);
            }
        }

        return lines;
    }
}
