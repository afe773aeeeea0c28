using System.Text;

namespace Amparo.Detection.Training;

/// <summary>
/// Reads the Ubuntu IRC disentanglement data (Kummerfeld et al. 2019): <c>X.raw.txt</c> is an interleaved
/// channel log (<c>[HH:MM] &lt;nick&gt; text</c>), <c>X.annotation.txt</c> links lines (<c>line line -</c>, 0-based)
/// that reply to each other. The connected components of the links (union–find) are the separate
/// conversations. Only annotated lines belong to a thread; system lines (joins, quits) are dropped; threads
/// with fewer than three messages are not conversations worth scoring and are skipped.
/// </summary>
public static class IrcUbuntuReader
{
    public static IReadOnlyList<LabelledConversation> Read(string folder, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"IRC folder missing: {folder}");
        }

        var files = Directory.GetFiles(folder, "*.annotation.txt");
        Array.Sort(files, StringComparer.Ordinal);
        var result = new List<LabelledConversation>();
        foreach (var ann in files)
        {
            string stem = Path.GetFileName(ann)[..^".annotation.txt".Length];
            string raw = Path.Combine(folder, stem + ".raw.txt");
            if (!File.Exists(raw))
            {
                warnings.Add($"{ann}: no matching raw log; skipped");
                continue;
            }

            var rawLines = File.ReadAllLines(raw, Encoding.UTF8);
            var parent = new Dictionary<int, int>();
            int lineNo = 0;
            foreach (var a in File.ReadLines(ann))
            {
                lineNo++;
                var parts = a.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out int x)
                    || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int y)
                    || x < 0 || y < 0 || x >= rawLines.Length || y >= rawLines.Length)
                {
                    warnings.Add($"{ann}:{lineNo}: not a 'line line -' link; skipped");
                    continue;
                }

                Union(parent, x, y);
            }

            var threads = new SortedDictionary<int, List<int>>();
            foreach (int line in parent.Keys.Order())
            {
                int root = Find(parent, line);
                if (!threads.TryGetValue(root, out var members))
                {
                    threads[root] = members = [];
                }

                members.Add(line);
            }

            int t = 0;
            foreach (var members in threads.Values.OrderBy(m => m[0]))
            {
                var lines = new List<ChatLine>();
                foreach (int i in members)
                {
                    if (TryParse(rawLines[i], out var cl))
                    {
                        lines.Add(cl);
                    }
                }

                if (lines.Count >= 3)
                {
                    result.Add(new LabelledConversation($"irc/{stem}/{t}", "irc:" + stem, CorpusSource.IrcUbuntu, 0, null, lines));
                }

                t++;
            }
        }

        return result;
    }

    /// <summary>Parses <c>[HH:MM] &lt;nick&gt; text</c>; false for system lines.</summary>
    internal static bool TryParse(string line, out ChatLine chatLine)
    {
        chatLine = default;
        int lt = line.IndexOf("] <", StringComparison.Ordinal);
        if (!line.StartsWith('[') || lt < 0)
        {
            return false;
        }

        int gt = line.IndexOf('>', lt + 3);
        if (gt < 0)
        {
            return false;
        }

        chatLine = new ChatLine(line[(lt + 3)..gt], line[(gt + 1)..].Trim());
        return chatLine.Text.Length > 0;
    }

    private static int Find(Dictionary<int, int> parent, int x)
    {
        if (!parent.TryGetValue(x, out int p))
        {
            parent[x] = x;
            return x;
        }

        while (p != x)
        {
            int gp = parent[p];
            parent[x] = gp;
            x = p;
            p = parent[x];
        }

        return x;
    }

    private static void Union(Dictionary<int, int> parent, int a, int b)
    {
        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra != rb)
        {
            // The smaller root wins, so the result does not depend on link order.
            if (ra < rb)
            {
                parent[rb] = ra;
            }
            else
            {
                parent[ra] = rb;
            }
        }
    }
}
