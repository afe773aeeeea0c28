using System.Globalization;
using System.Text;

namespace Amparo.Detection.Normalization;

/// <summary>
/// Folds chat text to a canonical form for matching and features: the <see cref="ChatTokenizer"/>'s normalised
/// tokens (lower case, accents folded, leetspeak and obfuscation read, abbreviations expanded, emoji as
/// <c>:name:</c>) joined by single spaces. Invariant culture throughout.
/// </summary>
public static class TextNormalizer
{
    [ThreadStatic]
    private static TokenBuffer? t_buffer;

    /// <summary>Returns the folded text: normalised tokens separated by one space.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = t_buffer ??= new TokenBuffer();
        ChatTokenizer.Tokenize(text, buffer);
        if (buffer.Count == 0)
        {
            return "";
        }

        int length = buffer.Count - 1;
        foreach (var t in buffer.Tokens)
        {
            length += t.NormLength;
        }

        return string.Create(length, buffer, static (span, b) =>
        {
            int pos = 0;
            for (int i = 0; i < b.Count; i++)
            {
                if (i > 0)
                {
                    span[pos++] = ' ';
                }

                var word = b.Normalized(i);
                word.CopyTo(span[pos..]);
                pos += word.Length;
            }
        });
    }

    /// <summary>Only lower case (invariant) and accents removed, keeping everything else: for display-level comparisons.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
