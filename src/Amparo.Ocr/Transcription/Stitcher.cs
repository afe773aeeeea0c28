using Amparo.Core;
using Amparo.Ocr.Layout;

namespace Amparo.Ocr.Transcription;

/// <summary>A message placed in the stitched transcript, with the screenshot it was read from.</summary>
public sealed record StitchedMessage(ScreenshotMessage Message, string File, int PageIndex);

/// <summary>
/// Joins screenshots of one chat, taken while scrolling, into one run of messages: where the end of one
/// screenshot shows the same messages as the start of the next, they are kept once. Messages cut by the edge
/// of one screenshot are replaced by their whole copy in the neighbour.
/// </summary>
public static class Stitcher
{
    /// <summary>Two readings of the same bubble agree at least this much (0..1, edit-distance similarity).</summary>
    public const double SameMessageSimilarity = 0.75;

    public static IReadOnlyList<StitchedMessage> Stitch(IReadOnlyList<ScreenshotPage> pages, List<ImportDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var result = new List<StitchedMessage>();
        string? previousFile = null;
        for (int p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            if (!page.IsRead)
            {
                continue;
            }

            var incoming = page.Messages.Select(m => new StitchedMessage(m, page.File, p)).ToList();
            if (result.Count == 0)
            {
                result.AddRange(incoming);
                previousFile = page.File;
                continue;
            }

            // Cut-off messages at the seam are matched by their whole copy on the other side.
            int tailCut = result.Count > 0 && result[^1].Message.ClippedBottom ? 1 : 0;
            int headCut = incoming.Count > 0 && incoming[0].Message.ClippedTop ? 1 : 0;
            var a = result.Take(result.Count - tailCut).ToList();
            var b = incoming.Skip(headCut).ToList();
            int overlap = FindOverlap(a, b);
            if (overlap == 0)
            {
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, page.File, null,
                    $"no messages in common with {previousFile}: either a part of the chat is missing between them or they are not in order; it was added after it as given"));
                result.AddRange(incoming);
                previousFile = page.File;
                continue;
            }

            result.RemoveRange(result.Count - tailCut, tailCut);
            int start = result.Count - overlap;
            for (int i = 0; i < overlap; i++)
            {
                // Keep the clearer reading of each message seen twice.
                if (b[i].Message.Confidence > result[start + i].Message.Confidence && !b[i].Message.ClippedBottom)
                {
                    result[start + i] = b[i];
                }
            }

            result.AddRange(b.Skip(overlap));
            previousFile = page.File;
        }

        return result;
    }

    /// <summary>The longest k such that the last k of <paramref name="a"/> are the first k of <paramref name="b"/>.</summary>
    internal static int FindOverlap(IReadOnlyList<StitchedMessage> a, IReadOnlyList<StitchedMessage> b)
    {
        for (int k = Math.Min(a.Count, b.Count); k > 0; k--)
        {
            bool all = true;
            for (int i = 0; i < k && all; i++)
            {
                all = Same(a[a.Count - k + i].Message, b[i].Message);
            }

            if (all)
            {
                return k;
            }
        }

        return 0;
    }

    internal static bool Same(ScreenshotMessage x, ScreenshotMessage y)
    {
        if (x.Side != y.Side || x.Kind != y.Kind)
        {
            return false;
        }

        if (x.Time.IsKnown && y.Time.IsKnown && x.Time != y.Time)
        {
            return false;
        }

        if (x.Kind == MessageKind.Media)
        {
            return Math.Abs(x.Box.Height - y.Box.Height) <= 4;
        }

        return Similarity(x.Text, y.Text) >= SameMessageSimilarity;
    }

    /// <summary>1 minus the edit distance over the longer length, ignoring case and spacing.</summary>
    public static double Similarity(string x, string y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        string s = Normalize(x), t = Normalize(y);
        if (s.Length == 0 && t.Length == 0)
        {
            return 1;
        }

        var prev = new int[t.Length + 1];
        var cur = new int[t.Length + 1];
        for (int j = 0; j <= t.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= s.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= t.Length; j++)
            {
                int cost = s[i - 1] == t[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return 1.0 - ((double)prev[t.Length] / Math.Max(s.Length, t.Length));
    }

    private static string Normalize(string text)
    {
        // Long messages are compared on their first 400 characters: enough to tell them apart, bounded cost.
        var chars = text.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).Take(400);
        return string.Concat(chars);
    }
}
