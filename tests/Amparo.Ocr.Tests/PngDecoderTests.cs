using Amparo.Core;
using Amparo.Ocr.Imaging;

namespace Amparo.Ocr.Tests;

public sealed class PngDecoderTests
{
    private static byte[] Pattern(int length, int seed)
    {
        var rng = new Random(seed);
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static async Task<DecodedImage> Decode(byte[] png, ImageLimits? limits = null) =>
        await PngDecoder.DecodeAsync(new MemoryStream(png), "test.png", limits);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Decodes_RGB_rows_written_with_every_filter_type(int filter)
    {
        var raw = Pattern(13 * 7 * 3, filter);
        var decoded = await Decode(PngWriter.Write(13, 7, 2, 8, raw, _ => filter));
        decoded.Diagnostics.ShouldBeEmpty();
        decoded.Image!.Pixels.ShouldBe(raw);
    }

    [Fact]
    public async Task Decodes_RGBA_with_mixed_filters_and_composites_alpha_over_white()
    {
        var raw = Pattern(9 * 5 * 4, 7);
        for (int i = 3; i < raw.Length; i += 4)
        {
            raw[i] = 255;
        }

        raw[3] = 0; // first pixel fully transparent
        var decoded = await Decode(PngWriter.Write(9, 5, 6, 8, raw, y => y % 5));
        var img = decoded.Image!;
        img[0, 0].ShouldBe(new Rgb(255, 255, 255));
        img[1, 0].ShouldBe(new Rgb(raw[4], raw[5], raw[6]));
        img[8, 4].ShouldBe(new Rgb(raw[^4], raw[^3], raw[^2]));
    }

    [Fact]
    public async Task Decodes_greyscale_grey_alpha_sixteen_bit_and_palette_images()
    {
        var grey = Pattern(6 * 4, 1);
        (await Decode(PngWriter.Write(6, 4, 0, 8, grey, y => y % 5))).Image![5, 3].ShouldBe(new Rgb(grey[^1], grey[^1], grey[^1]));

        var ga = Pattern(3 * 2 * 2, 2);
        for (int i = 1; i < ga.Length; i += 2)
        {
            ga[i] = 255;
        }

        (await Decode(PngWriter.Write(3, 2, 4, 8, ga))).Image![2, 1].ShouldBe(new Rgb(ga[^2], ga[^2], ga[^2]));

        var wide = Pattern(4 * 3 * 6, 3);
        (await Decode(PngWriter.Write(4, 3, 2, 16, wide, y => y % 5))).Image![3, 2].ShouldBe(new Rgb(wide[^6], wide[^4], wide[^2]));

        // 1-bit palette: 10 pixels per row in 2 bytes.
        byte[] palette = [10, 20, 30, 200, 210, 220];
        byte[] bits = [0b1010_0000, 0b0100_0000, 0b0000_0000, 0b1100_0000];
        var pal = (await Decode(PngWriter.Write(10, 2, 3, 1, bits, palette: palette))).Image!;
        pal[0, 0].ShouldBe(new Rgb(200, 210, 220));
        pal[1, 0].ShouldBe(new Rgb(10, 20, 30));
        pal[9, 0].ShouldBe(new Rgb(200, 210, 220));
        pal[0, 1].ShouldBe(new Rgb(10, 20, 30));
    }

    [Fact]
    public async Task A_truncated_PNG_keeps_its_intact_rows_and_says_so()
    {
        var raw = Pattern(64 * 200 * 3, 5);
        var png = PngWriter.Write(64, 200, 2, 8, raw, y => y % 5);
        var cut = png[..(png.Length / 2)];
        var decoded = await Decode(cut);
        decoded.Image.ShouldNotBeNull();
        decoded.Image.Height.ShouldBeLessThan(200);
        decoded.Image.Height.ShouldBeGreaterThan(10);
        decoded.Image.Pixels.ShouldBe(raw[..decoded.Image.Pixels.Length]);
        var warning = decoded.Diagnostics.ShouldHaveSingleItem();
        warning.Severity.ShouldBe(DiagnosticSeverity.Warning);
        warning.File.ShouldBe("test.png");
        warning.Message.ShouldContain("truncated");
    }

    [Theory]
    [InlineData(100_000u, 100_000u)]
    [InlineData(20_000u, 20_000u)]
    [InlineData(0xFFFFFFFFu, 1u)]
    [InlineData(0u, 10u)]
    public async Task Huge_or_impossible_dimensions_are_refused_before_any_pixel_is_allocated(uint width, uint height)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = await Decode(PngWriter.HeaderOnly(width, height));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        decoded.Image.ShouldBeNull();
        var error = decoded.Diagnostics.ShouldHaveSingleItem();
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.Message.ShouldMatch("pixels|dimensions");
        error.Message.ShouldContain(width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        allocated.ShouldBeLessThan(1L << 20);
    }

    [Fact]
    public async Task A_chunk_claiming_gigabytes_is_refused_without_reading_them()
    {
        using var s = new MemoryStream();
        s.Write(PngWriter.HeaderOnly(10, 10));
        s.Write([0x7F, 0xFF, 0xFF, 0x00, (byte)'I', (byte)'D', (byte)'A', (byte)'T', 1, 2, 3]);
        var decoded = await Decode(s.ToArray());
        decoded.Image.ShouldBeNull();
        decoded.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("chunk");
    }

    [Fact]
    public async Task Garbage_after_the_signature_and_non_images_get_a_clear_error()
    {
        var garbage = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.Concat(Pattern(500, 9)).ToArray();
        var decoded = await Decode(garbage);
        decoded.Image.ShouldBeNull();
        decoded.Diagnostics.ShouldHaveSingleItem().Severity.ShouldBe(DiagnosticSeverity.Error);

        var text = await ImageDecoder.DecodeAsync("hello, this is not an image"u8.ToArray(), "notes.png");
        text.Image.ShouldBeNull();
        text.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("not a PNG or JPEG");

        var empty = await ImageDecoder.DecodeAsync(Array.Empty<byte>(), "empty.png");
        empty.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("empty");
    }

    [Fact]
    public async Task A_damaged_checksum_is_reported_but_the_image_is_still_read()
    {
        var raw = Pattern(5 * 5 * 3, 4);
        var png = PngWriter.Write(5, 5, 2, 8, raw);
        png[^13] ^= 0x01; // the last byte of the IDAT checksum (IEND's 12 bytes follow it)
        var decoded = await Decode(png);
        decoded.Diagnostics.ShouldContain(d => d.Message.Contains("checksum", StringComparison.Ordinal));
        decoded.Image!.Pixels.ShouldBe(raw);
    }
}
