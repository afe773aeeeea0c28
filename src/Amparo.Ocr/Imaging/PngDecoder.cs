using System.Buffers.Binary;
using System.IO.Compression;
using Amparo.Core;

namespace Amparo.Ocr.Imaging;

/// <summary>
/// A small PNG decoder for screenshots: 8- and 16-bit greyscale, RGB, palette, grey+alpha and RGBA, all five
/// filters, non-interlaced. Alpha is composited over white. Truncated files keep the rows that were intact.
/// </summary>
public static class PngDecoder
{
    internal static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>True when the bytes start with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> head) => head.StartsWith(Signature);

    /// <summary>Decodes a PNG; never throws for bad data (only for I/O failure and cancellation).</summary>
    public static async Task<DecodedImage> DecodeAsync(Stream stream, string fileName, ImageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= ImageLimits.Default;
        var diagnostics = new List<ImportDiagnostic>();
        var reader = new ChunkReader(stream, limits.MaxFileBytes);

        var sig = await reader.ReadExactAsync(8, cancellationToken).ConfigureAwait(false);
        if (sig is null || !IsPng(sig))
        {
            return DecodedImage.Fail(fileName, "not a PNG file (the signature is missing)");
        }

        Header? header = null;
        byte[]? palette = null;
        byte[]? paletteAlpha = null;
        var idat = new MemoryStream();
        bool sawEnd = false;
        string? truncation = null;
        int chunkNumber = 0;
        while (true)
        {
            var chunk = await reader.ReadChunkAsync(cancellationToken).ConfigureAwait(false);
            chunkNumber++;
            if (chunk.Problem is { } problem)
            {
                if (chunk.Type == "IDAT" && header is not null)
                {
                    idat.Write(chunk.Data);
                }

                truncation = $"chunk {chunkNumber}: {problem}";
                break;
            }

            if (!chunk.CrcOk)
            {
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, chunkNumber,
                    $"PNG chunk {chunkNumber} ({chunk.Type}) fails its checksum; the file is damaged, the image was read anyway"));
            }

            switch (chunk.Type)
            {
                case "IHDR":
                    header = Header.Parse(chunk.Data);
                    if (header is null)
                    {
                        return DecodedImage.Fail(fileName, "the PNG header (IHDR) is malformed");
                    }

                    if (limits.Check(header.LongWidth, header.LongHeight) is { } refused)
                    {
                        return DecodedImage.Fail(fileName, refused);
                    }

                    if (header.Unsupported is { } why)
                    {
                        return DecodedImage.Fail(fileName, why);
                    }

                    break;
                case "PLTE":
                    palette = chunk.Data;
                    break;
                case "tRNS":
                    paletteAlpha = chunk.Data;
                    break;
                case "IDAT":
                    if (header is null)
                    {
                        return DecodedImage.Fail(fileName, "image data comes before the PNG header");
                    }

                    idat.Write(chunk.Data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
                default:
                    break;
            }

            if (sawEnd)
            {
                break;
            }
        }

        if (header is null)
        {
            return DecodedImage.Fail(fileName, truncation is null ? "the PNG header (IHDR) is missing" : $"the file ends before the PNG header ({truncation})");
        }

        if (header.ColorType == 3 && palette is null)
        {
            return DecodedImage.Fail(fileName, "a palette PNG without a palette (PLTE) chunk");
        }

        idat.Position = 0;
        var (image, rows, zlibProblem) = Inflate(header, idat, palette, paletteAlpha, cancellationToken);
        if (image is null)
        {
            string reason = truncation ?? zlibProblem ?? "no image data";
            return DecodedImage.Fail(fileName, $"no complete row of pixels could be decoded ({reason})");
        }

        if (rows < header.Height)
        {
            diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, null,
                $"the PNG is truncated or damaged ({truncation ?? zlibProblem ?? "image data ends early"}); only the top {rows} of {header.Height} rows were read"));
            image = image.CropRows(rows);
        }
        else if (truncation is not null && !sawEnd)
        {
            diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Info, fileName, null, $"the PNG ends without its end marker ({truncation}); all pixel rows were read"));
        }

        return new DecodedImage { Image = image, Diagnostics = diagnostics };
    }

    private static (RgbImage? Image, int Rows, string? Problem) Inflate(Header h, Stream compressed, byte[]? palette, byte[]? paletteAlpha, CancellationToken cancellationToken)
    {
        int channels = h.ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        int bitsPerPixel = channels * h.BitDepth;
        int bpp = Math.Max(1, bitsPerPixel / 8);
        long strideLong = (((long)h.Width * bitsPerPixel) + 7) / 8;
        int stride = checked((int)strideLong);
        var output = new byte[checked((long)h.Width * h.Height * 3)];
        var prev = new byte[stride];
        var cur = new byte[stride];
        int rows = 0;
        string? problem = null;
        try
        {
            using var z = new ZLibStream(compressed, CompressionMode.Decompress);
            for (int y = 0; y < h.Height; y++)
            {
                if ((y & 63) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                int filter = z.ReadByte();
                if (filter < 0)
                {
                    problem = "image data ends early";
                    break;
                }

                int got = z.ReadAtLeast(cur, stride, throwOnEndOfStream: false);
                if (got < stride)
                {
                    problem = "image data ends early";
                    break;
                }

                if (!Unfilter(filter, cur, prev, bpp))
                {
                    problem = $"row {y + 1} uses unknown filter type {filter}";
                    break;
                }

                WriteRow(h, cur, output.AsSpan(y * h.Width * 3, h.Width * 3), palette, paletteAlpha);
                (prev, cur) = (cur, prev);
                rows++;
            }
        }
        catch (InvalidDataException ex)
        {
            problem = $"the compressed image data is corrupt: {ex.Message}";
        }

        if (rows == 0)
        {
            return (null, 0, problem);
        }

        return (new RgbImage(h.Width, h.Height, output), rows, problem);
    }

    private static bool Unfilter(int filter, Span<byte> cur, ReadOnlySpan<byte> prev, int bpp)
    {
        switch (filter)
        {
            case 0:
                return true;
            case 1:
                for (int i = bpp; i < cur.Length; i++)
                {
                    cur[i] += cur[i - bpp];
                }

                return true;
            case 2:
                for (int i = 0; i < cur.Length; i++)
                {
                    cur[i] += prev[i];
                }

                return true;
            case 3:
                for (int i = 0; i < cur.Length; i++)
                {
                    int left = i >= bpp ? cur[i - bpp] : 0;
                    cur[i] += (byte)((left + prev[i]) >> 1);
                }

                return true;
            case 4:
                for (int i = 0; i < cur.Length; i++)
                {
                    int a = i >= bpp ? cur[i - bpp] : 0;
                    int b = prev[i];
                    int c = i >= bpp ? prev[i - bpp] : 0;
                    int p = a + b - c;
                    int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    cur[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }

                return true;
            default:
                return false;
        }
    }

    private static void WriteRow(Header h, ReadOnlySpan<byte> row, Span<byte> rgb, byte[]? palette, byte[]? paletteAlpha)
    {
        int w = h.Width;
        bool wide = h.BitDepth == 16;
        int step = wide ? 2 : 1;
        for (int x = 0; x < w; x++)
        {
            byte r, g, b;
            int a = 255;
            switch (h.ColorType)
            {
                case 0:
                    r = g = b = h.BitDepth >= 8 ? row[x * step] : SubByteSample(row, x, h.BitDepth, scale: true);
                    break;
                case 2:
                    r = row[x * 3 * step];
                    g = row[((x * 3) + 1) * step];
                    b = row[((x * 3) + 2) * step];
                    break;
                case 3:
                    int index = h.BitDepth == 8 ? row[x] : SubByteSample(row, x, h.BitDepth, scale: false);
                    if (palette is not null && (index * 3) + 2 < palette.Length)
                    {
                        r = palette[index * 3];
                        g = palette[(index * 3) + 1];
                        b = palette[(index * 3) + 2];
                    }
                    else
                    {
                        r = g = b = 0;
                    }

                    if (paletteAlpha is not null && index < paletteAlpha.Length)
                    {
                        a = paletteAlpha[index];
                    }

                    break;
                case 4:
                    r = g = b = row[x * 2 * step];
                    a = row[((x * 2) + 1) * step];
                    break;
                default:
                    r = row[x * 4 * step];
                    g = row[((x * 4) + 1) * step];
                    b = row[((x * 4) + 2) * step];
                    a = row[((x * 4) + 3) * step];
                    break;
            }

            if (a != 255)
            {
                // Transparent parts of a screenshot are shown over white by every viewer.
                r = (byte)(((r * a) + (255 * (255 - a)) + 127) / 255);
                g = (byte)(((g * a) + (255 * (255 - a)) + 127) / 255);
                b = (byte)(((b * a) + (255 * (255 - a)) + 127) / 255);
            }

            rgb[x * 3] = r;
            rgb[(x * 3) + 1] = g;
            rgb[(x * 3) + 2] = b;
        }
    }

    private static byte SubByteSample(ReadOnlySpan<byte> row, int x, int depth, bool scale)
    {
        int perByte = 8 / depth;
        int shift = 8 - (depth * ((x % perByte) + 1));
        int v = (row[x / perByte] >> shift) & ((1 << depth) - 1);
        return scale ? (byte)(v * 255 / ((1 << depth) - 1)) : (byte)v;
    }

    /// <summary>Dimensions stay 64-bit until the limits have accepted them.</summary>
    private sealed record Header(long LongWidth, long LongHeight, int BitDepth, int ColorType, int Interlace)
    {
        public int Width => (int)LongWidth;

        public int Height => (int)LongHeight;

        public string? Unsupported
        {
            get
            {
                bool depthOk = ColorType switch
                {
                    0 => BitDepth is 1 or 2 or 4 or 8 or 16,
                    3 => BitDepth is 1 or 2 or 4 or 8,
                    2 or 4 or 6 => BitDepth is 8 or 16,
                    _ => false,
                };
                if (!depthOk)
                {
                    return $"PNG colour type {ColorType} with bit depth {BitDepth} is not valid or not supported";
                }

                return Interlace != 0 ? "interlaced PNGs are not supported; re-save the screenshot without interlacing" : null;
            }
        }

        public static Header? Parse(byte[] data)
        {
            if (data.Length < 13)
            {
                return null;
            }

            long w = BinaryPrimitives.ReadUInt32BigEndian(data);
            long h = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4));
            return new Header(w, h, data[8], data[9], data[12]);
        }
    }

    private readonly record struct Chunk(string Type, byte[] Data, bool CrcOk, string? Problem);

    private sealed class ChunkReader(Stream stream, long maxBytes)
    {
        private long _read;

        public async Task<byte[]?> ReadExactAsync(int count, CancellationToken cancellationToken)
        {
            var buffer = await ReadUpToAsync(count, cancellationToken).ConfigureAwait(false);
            return buffer.Length == count ? buffer : null;
        }

        private async Task<byte[]> ReadUpToAsync(int count, CancellationToken cancellationToken)
        {
            // Grow as data arrives: a header may claim a huge chunk that the file does not hold.
            var buffer = new byte[Math.Min(count, 1 << 20)];
            int got = 0;
            while (got < count)
            {
                if (got == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(count, (long)buffer.Length * 2));
                }

                int n = await stream.ReadAsync(buffer.AsMemory(got, buffer.Length - got), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }

            _read += got;
            return got == buffer.Length ? buffer : buffer[..got];
        }

        public async Task<Chunk> ReadChunkAsync(CancellationToken cancellationToken)
        {
            var head = await ReadExactAsync(8, cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                return new Chunk("", [], true, "the file ends in the middle of a chunk header");
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(head);
            string type = System.Text.Encoding.ASCII.GetString(head, 4, 4);
            if (length > int.MaxValue || _read + length > maxBytes)
            {
                return new Chunk(type, [], true, $"chunk length {length} is impossible or beyond the {maxBytes >> 20} MB file limit");
            }

            var data = await ReadUpToAsync((int)length, cancellationToken).ConfigureAwait(false);
            if (data.Length < length)
            {
                return new Chunk(type, data, true, $"the file ends inside the {type} chunk");
            }

            var crc = await ReadExactAsync(4, cancellationToken).ConfigureAwait(false);
            if (crc is null)
            {
                // The data arrived whole; only the checksum is cut off. Use it.
                return new Chunk(type, data, true, null);
            }

            uint expected = BinaryPrimitives.ReadUInt32BigEndian(crc);
            uint actual = Crc32.Compute(head.AsSpan(4, 4), data);
            return new Chunk(type, data, expected == actual, null);
        }
    }

    private static class Crc32
    {
        private static readonly uint[] Table = Build();

        public static uint Compute(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
        {
            uint c = 0xFFFFFFFFu;
            foreach (byte b in type)
            {
                c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
            }

            foreach (byte b in data)
            {
                c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
            }

            return c ^ 0xFFFFFFFFu;
        }

        private static uint[] Build()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
