using System.Text;

namespace Amparo.Importers.Text;

/// <summary>How a text export is encoded, decided from its first bytes.</summary>
internal enum TextEncodingKind
{
    Utf8,
    Utf16LittleEndian,
    Utf16BigEndian,
    /// <summary>Not valid UTF-8 and no BOM: read as Latin-1 so nothing is lost, with a warning.</summary>
    Latin1,
}

internal static class TextEncodingSniffer
{
    /// <summary>Decides the encoding from a file's head; <paramref name="bomLength"/> bytes are to be skipped.</summary>
    public static TextEncodingKind Detect(ReadOnlySpan<byte> head, out int bomLength)
    {
        bomLength = 0;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            return TextEncodingKind.Utf8;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bomLength = 2;
            return TextEncodingKind.Utf16LittleEndian;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return TextEncodingKind.Utf16BigEndian;
        }

        // UTF-16 without a BOM: ASCII-heavy text then has a zero in every other byte.
        if (head.Length >= 8)
        {
            int evenZeros = 0, oddZeros = 0, pairs = Math.Min(head.Length / 2, 512);
            for (int i = 0; i < pairs; i++)
            {
                if (head[2 * i] == 0)
                {
                    evenZeros++;
                }

                if (head[(2 * i) + 1] == 0)
                {
                    oddZeros++;
                }
            }

            if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05)
            {
                return TextEncodingKind.Utf16LittleEndian;
            }

            if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05)
            {
                return TextEncodingKind.Utf16BigEndian;
            }
        }

        // A multi-byte character may be cut at the end of the head; ignore up to 3 trailing bytes.
        var probe = head;
        for (int cut = 0; cut <= 3 && probe.Length > 0; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(probe))
            {
                return TextEncodingKind.Utf8;
            }

            probe = probe[..^1];
        }

        return TextEncodingKind.Latin1;
    }

    public static Encoding ToEncoding(TextEncodingKind kind) => kind switch
    {
        TextEncodingKind.Utf8 => new UTF8Encoding(false, false),
        TextEncodingKind.Utf16LittleEndian => new UnicodeEncoding(false, false, false),
        TextEncodingKind.Utf16BigEndian => new UnicodeEncoding(true, false, false),
        TextEncodingKind.Latin1 => Encoding.Latin1,
    };

    /// <summary>Decodes a head for sniffing (lossy, never throws).</summary>
    public static string DecodeHead(ReadOnlySpan<byte> head)
    {
        var kind = Detect(head, out int bom);
        return ToEncoding(kind).GetString(head[bom..]);
    }
}
