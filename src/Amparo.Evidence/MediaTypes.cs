namespace Amparo.Evidence;

/// <summary>Recognises common evidence formats from their first bytes (never from the name alone).</summary>
public static class MediaTypes
{
    public const string Octet = "application/octet-stream";
    public const string Interchange = "application/vnd.amparo.interchange+json";

    /// <summary>The media type for content starting with <paramref name="head"/>, falling back to the file name for text.</summary>
    public static string Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF8"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return head[8..12].SequenceEqual("heic"u8) || head[8..12].SequenceEqual("heix"u8) ? "image/heic"
                : head[8..11].SequenceEqual("M4A"u8) ? "audio/mp4" : "video/mp4";
        }

        if (head.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (head.StartsWith("%PDF"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith("PK\x03\x04"u8))
        {
            return "application/zip";
        }

        string ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (LooksLikeText(head))
        {
            return ext switch
            {
                ".json" => "application/json",
                ".jsonl" => "application/jsonl",
                ".xml" => "application/xml",
                ".html" or ".htm" => "text/html",
                ".csv" => "text/csv",
                _ => "text/plain",
            };
        }

        return Octet;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        foreach (byte b in head)
        {
            if (b == 0 || (b < 0x09) || (b is > 0x0D and < 0x20 && b != 0x1B))
            {
                return false;
            }
        }

        return true;
    }
}
