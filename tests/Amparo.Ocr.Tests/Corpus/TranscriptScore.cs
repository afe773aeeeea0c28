using Amparo.Core;

namespace Amparo.Ocr.Tests.Corpus;

/// <summary>Word accuracy (1 − word error rate) and side attribution of a transcript against the known scene.</summary>
public sealed record TranscriptScore(int ExpectedWords, int WordErrors, int ExpectedMessages, int RightSide, int TimesShown, int TimesRead)
{
    public double WordAccuracy => ExpectedWords == 0 ? 1 : 1.0 - ((double)WordErrors / ExpectedWords);

    public double Attribution => ExpectedMessages == 0 ? 1 : (double)RightSide / ExpectedMessages;

    public static TranscriptScore operator +(TranscriptScore a, TranscriptScore b) => new(
        a.ExpectedWords + b.ExpectedWords, a.WordErrors + b.WordErrors, a.ExpectedMessages + b.ExpectedMessages,
        a.RightSide + b.RightSide, a.TimesShown + b.TimesShown, a.TimesRead + b.TimesRead);

    public static TranscriptScore Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Aligns the expected messages with the recognised ones (order kept; a missing message costs all its words,
    /// an invented one costs all of its words), then counts word edits inside each aligned pair.
    /// </summary>
    public static TranscriptScore Score(IReadOnlyList<SceneMessage> expected, IReadOnlyList<Message> actual, bool timesInBubble)
    {
        var got = actual.Where(m => m.Kind != MessageKind.System).ToList();
        int n = expected.Count, m = got.Count;
        var cost = new int[n + 1, m + 1];
        var words = expected.Select(e => Words(e.Text)).ToList();
        var gotWords = got.Select(g => Words(g.Text)).ToList();
        for (int i = 1; i <= n; i++)
        {
            cost[i, 0] = cost[i - 1, 0] + words[i - 1].Length;
        }

        for (int j = 1; j <= m; j++)
        {
            cost[0, j] = cost[0, j - 1] + Math.Max(1, gotWords[j - 1].Length);
        }

        for (int i = 1; i <= n; i++)
        {
            for (int j = 1; j <= m; j++)
            {
                cost[i, j] = Math.Min(
                    cost[i - 1, j - 1] + WordEdits(words[i - 1], gotWords[j - 1]),
                    Math.Min(cost[i - 1, j] + words[i - 1].Length, cost[i, j - 1] + Math.Max(1, gotWords[j - 1].Length)));
            }
        }

        // Walk back to count attribution and times on the aligned pairs.
        int right = 0, timesShown = 0, timesRead = 0;
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            if (i > 0 && j > 0 && cost[i, j] == cost[i - 1, j - 1] + WordEdits(words[i - 1], gotWords[j - 1]))
            {
                var e = expected[i - 1];
                var g = got[j - 1];
                string want = e.Mine ? "me" : "contact";
                if (g.AuthorId == want)
                {
                    right++;
                }

                if (timesInBubble)
                {
                    timesShown++;
                    if (g.Time.ToInterchange() == e.Time)
                    {
                        timesRead++;
                    }
                }

                i--;
                j--;
            }
            else if (i > 0 && cost[i, j] == cost[i - 1, j] + words[i - 1].Length)
            {
                if (timesInBubble)
                {
                    timesShown++;
                }

                i--;
            }
            else
            {
                j--;
            }
        }

        return new TranscriptScore(words.Sum(w => w.Length), cost[n, m], n, right, timesShown, timesRead);
    }

    public static string[] Words(string text) => text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Word-level edit distance (substitutions, insertions, deletions).</summary>
    public static int WordEdits(string[] a, string[] b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int c = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
