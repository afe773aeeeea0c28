using System.Globalization;
using System.Text;

namespace Amparo.Bench.Importers;

/// <summary>Writes a PAN-2012-layout XML file of mild, synthetic chat (seeded, so every run reads the same bytes).</summary>
public static class Pan2012Generator
{
    private static readonly string[] Words =
    [
        "hello", "how", "are", "you", "today", "school", "was", "fine", "homework", "math", "game", "later", "ok", "lol",
        "what", "are", "doing", "weekend", "music", "band", "practice", "dinner", "mom", "said", "yes", "no", "maybe",
        "see", "tomorrow", "bus", "library", "book", "movie", "funny", "dog", "cat", "park", "soccer", "team", "won",
        "¿qué", "tal", "estás", "mañana", "colegio", "música", "fútbol", "jaja", "&amp;", "&lt;3", ":)", "tea", "café",
    ];

    /// <summary>Generates at least <paramref name="targetBytes"/> bytes into <paramref name="path"/> (unless it already exists).</summary>
    public static void EnsureFile(string path, long targetBytes)
    {
        if (File.Exists(path) && new FileInfo(path).Length >= targetBytes)
        {
            return;
        }

        Console.Error.WriteLine($"generating {targetBytes / 1e6:F0} MB into {path} …");
        string tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Write(stream, targetBytes, seed: 2012);
        }

        File.Move(tmp, path, overwrite: true);
    }

    public static void Write(Stream output, long targetBytes, int seed)
    {
        var rng = new Random(seed);
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 20, leaveOpen: true);
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<conversations>\n");
        var sb = new StringBuilder();
        long written = 60;
        while (written < targetBytes)
        {
            sb.Clear();
            string[] authors = [Hex(rng), Hex(rng), Hex(rng)];
            sb.Append("<conversation id=\"").Append(Hex(rng)).Append("\">\n");
            int messages = rng.Next(5, 300);
            int minute = rng.Next(0, 24 * 60);
            for (int i = 1; i <= messages; i++)
            {
                minute = (minute + rng.Next(0, 2)) % (24 * 60);
                sb.Append("<message line=\"").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\">\n<author>")
                    .Append(authors[rng.Next(authors.Length - (i % 7 == 0 ? 0 : 1))]).Append("</author>\n<time>")
                    .Append((minute / 60).ToString("00", CultureInfo.InvariantCulture)).Append(':')
                    .Append((minute % 60).ToString("00", CultureInfo.InvariantCulture)).Append("</time>\n<text>");
                int words = rng.Next(1, 18);
                for (int k = 0; k < words; k++)
                {
                    if (k > 0)
                    {
                        sb.Append(' ');
                    }

                    sb.Append(Words[rng.Next(Words.Length)]);
                }

                sb.Append("</text>\n</message>\n");
            }

            sb.Append("</conversation>\n");
            w.Write(sb);
            written += Encoding.UTF8.GetByteCount(sb.ToString());
        }

        w.Write("</conversations>\n");
    }

    private static string Hex(Random rng)
    {
        Span<byte> b = stackalloc byte[16];
        rng.NextBytes(b);
        return Convert.ToHexStringLower(b);
    }
}
