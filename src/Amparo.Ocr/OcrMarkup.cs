using System.Text;
using Amparo.Core;

namespace Amparo.Ocr;

/// <summary>Display helpers for OCR transcripts.</summary>
public static class OcrMarkup
{
    /// <summary>Opening marker around an unsure word in displayed text.</summary>
    public const string Open = "⟦";

    /// <summary>Closing marker around an unsure word in displayed text.</summary>
    public const string Close = "⟧";

    /// <summary>
    /// A copy of the text for display with each low-confidence span wrapped in ⟦ ⟧. The message's own text is
    /// never changed; this is for showing a reader which words to check against the image.
    /// </summary>
    public static string MarkLowConfidence(string text, IReadOnlyList<LowConfidenceSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        var sb = new StringBuilder(text.Length + (spans.Count * 2));
        int at = 0;
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            if (span.Start < at || span.Start + span.Length > text.Length)
            {
                continue;
            }

            sb.Append(text, at, span.Start - at).Append(Open).Append(text, span.Start, span.Length).Append(Close);
            at = span.Start + span.Length;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }
}
