using System.Text;

namespace Amparo.Importers.Text;

/// <summary>
/// Decoding helpers shared by the text-based importers. Text is decoded strictly: an invalid UTF-8 byte is
/// reported (with its line) rather than silently replaced, because a replaced character alters evidence.
/// </summary>
public static class TextDecoding
{
    /// <summary>UTF-8 that throws on invalid bytes instead of inserting U+FFFD.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Opens a reader over the input: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; otherwise
    /// <paramref name="fallback"/> (strict UTF-8 when null).
    /// </summary>
    public static StreamReader OpenReader(ImportInput input, Encoding? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new StreamReader(input.Open(), fallback ?? StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: false);
    }

    /// <summary>Decodes the sniffed head leniently (for format detection only), honouring a BOM.</summary>
    public static string DecodeHead(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return Encoding.UTF8.GetString(head[3..]);
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Encoding.Unicode.GetString(head[2..(2 + ((head.Length - 2) & ~1))]);
        }

        if (head.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..(2 + ((head.Length - 2) & ~1))]);
        }

        return Encoding.UTF8.GetString(head);
    }

    /// <summary>
    /// The name of the first element of an XML document (skipping the declaration, processing instructions,
    /// comments and a DOCTYPE, whose declared root name is used when the real root is beyond the head), or null.
    /// </summary>
    public static string? XmlRootName(ReadOnlySpan<byte> head)
    {
        string text = DecodeHead(head);
        int i = 0;
        string? doctypeRoot = null;
        while (i < text.Length)
        {
            int lt = text.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= text.Length)
            {
                return doctypeRoot;
            }

            if (lt > i && !string.IsNullOrWhiteSpace(text[i..lt]))
            {
                return null;
            }

            char c = text[lt + 1];
            if (c == '?')
            {
                int end = text.IndexOf("?>", lt, StringComparison.Ordinal);
                if (end < 0)
                {
                    return doctypeRoot;
                }

                i = end + 2;
            }
            else if (text.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal))
            {
                int end = text.IndexOf("-->", lt, StringComparison.Ordinal);
                if (end < 0)
                {
                    return doctypeRoot;
                }

                i = end + 3;
            }
            else if (text.AsSpan(lt).StartsWith("<!DOCTYPE", StringComparison.Ordinal))
            {
                doctypeRoot = ReadName(text, lt + 9);

                // The DTD body may hold '<' (entity declarations); skip to the end of its internal subset.
                int bracket = text.IndexOf('[', lt);
                int gt = text.IndexOf('>', lt);
                if (bracket >= 0 && (gt < 0 || bracket < gt))
                {
                    int close = text.IndexOf("]>", bracket, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        return doctypeRoot;
                    }

                    i = close + 2;
                }
                else
                {
                    if (gt < 0)
                    {
                        return doctypeRoot;
                    }

                    i = gt + 1;
                }
            }
            else
            {
                return ReadName(text, lt + 1) ?? doctypeRoot;
            }
        }

        return doctypeRoot;
    }

    /// <summary>The <c>encoding</c> of the XML declaration, or null.</summary>
    public static string? XmlDeclaredEncoding(ReadOnlySpan<byte> head)
    {
        string text = DecodeHead(head[..Math.Min(head.Length, 512)]);
        if (!text.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return null;
        }

        int end = text.IndexOf("?>", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        string decl = text[..end];
        int at = decl.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        int q = decl.IndexOfAny(['"', '\''], at);
        if (q < 0)
        {
            return null;
        }

        int q2 = decl.IndexOf(decl[q], q + 1);
        return q2 < 0 ? null : decl[(q + 1)..q2];
    }

    private static string? ReadName(string text, int start)
    {
        int i = start;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        int s = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.' or ':'))
        {
            i++;
        }

        return i > s ? text[s..i] : null;
    }
}
