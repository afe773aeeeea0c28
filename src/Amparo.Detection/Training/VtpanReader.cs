using System.Text;

namespace Amparo.Detection.Training;

/// <summary>
/// Reads <c>vtpan-segments-dev.csv</c> (<c>segment,label</c>): PAN-2012 conversation segments flattened to one
/// text, with no message boundaries and no authors. To score them like chats we cut the text into
/// pseudo-messages (at <c>? ! .</c> or every seven words) and give them to two alternating pseudo-authors.
/// Positive segments come from Perverted-Justice chats; <see cref="TrainingCorpus"/> finds their offender so
/// the offender split stays clean.
/// </summary>
public static class VtpanReader
{
    public const int WordsPerPseudoMessage = 7;

    public static IReadOnlyList<LabelledConversation> Read(string csvPath, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var result = new List<LabelledConversation>();
        using var reader = new StreamReader(csvPath, Encoding.UTF8);
        long line = 0;
        bool header = true;
        while (ReadRecord(reader, ref line, out var fields, out long startLine))
        {
            if (header)
            {
                header = false;
                continue;
            }

            if (fields.Count != 2 || (fields[1] != "0" && fields[1] != "1"))
            {
                warnings.Add($"{csvPath}:{startLine}: expected 'segment,label' with label 0 or 1; skipped");
                continue;
            }

            int label = fields[1] == "1" ? 1 : 0;
            var lines = PseudoMessages(fields[0]);
            if (lines.Count == 0)
            {
                continue;
            }

            result.Add(new LabelledConversation($"vtpan/{startLine}", $"vtpan:{startLine}", CorpusSource.Vtpan, label, null, lines));
        }

        return result;
    }

    /// <summary>Cuts flattened chat text into short pseudo-messages for alternating pseudo-authors a and b.</summary>
    public static List<ChatLine> PseudoMessages(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<ChatLine>();
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder();
        int n = 0;
        foreach (var w in words)
        {
            if (n > 0)
            {
                sb.Append(' ');
            }

            sb.Append(w);
            n++;
            char last = w[^1];
            if (last is '?' or '!' or '.' || n >= WordsPerPseudoMessage)
            {
                lines.Add(new ChatLine(lines.Count % 2 == 0 ? "a" : "b", sb.ToString()));
                sb.Clear();
                n = 0;
            }
        }

        if (n > 0)
        {
            lines.Add(new ChatLine(lines.Count % 2 == 0 ? "a" : "b", sb.ToString()));
        }

        return lines;
    }

    /// <summary>RFC 4180 record: quoted fields may hold commas, doubled quotes and newlines.</summary>
    private static bool ReadRecord(StreamReader reader, ref long line, out List<string> fields, out long startLine)
    {
        fields = [];
        startLine = line + 1;
        var sb = new StringBuilder();
        bool inQuotes = false, any = false;
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                if (!any)
                {
                    return false;
                }

                fields.Add(sb.ToString());
                line++;
                return true;
            }

            any = true;
            char ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        sb.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    sb.Append(ch);
                }
            }
            else if (ch == '"')
            {
                inQuotes = true;
            }
            else if (ch == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(sb.ToString());
                line++;
                return true;
            }
            else if (ch != '\r')
            {
                sb.Append(ch);
            }
        }
    }
}
