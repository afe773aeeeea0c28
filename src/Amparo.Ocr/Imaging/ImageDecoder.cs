namespace Amparo.Ocr.Imaging;

/// <summary>Decodes a screenshot, choosing PNG or JPEG from its first bytes.</summary>
public static class ImageDecoder
{
    /// <summary>True for the magic bytes of a PNG or JPEG file.</summary>
    public static bool IsSupported(ReadOnlySpan<byte> head) => PngDecoder.IsPng(head) || JpegDecoder.IsJpeg(head);

    /// <summary>Decodes an image held in memory.</summary>
    public static async Task<DecodedImage> DecodeAsync(ReadOnlyMemory<byte> data, string fileName, ImageLimits? limits = null, string djpegPath = "djpeg", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= ImageLimits.Default;
        if (data.IsEmpty)
        {
            return DecodedImage.Fail(fileName, "the file is empty");
        }

        if (PngDecoder.IsPng(data.Span))
        {
            using var stream = new ReadOnlyMemoryStream(data);
            return await PngDecoder.DecodeAsync(stream, fileName, limits, cancellationToken).ConfigureAwait(false);
        }

        if (JpegDecoder.IsJpeg(data.Span))
        {
            return await JpegDecoder.DecodeAsync(data, fileName, limits, djpegPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return DecodedImage.Fail(fileName, "not a PNG or JPEG image; screenshots must be saved as PNG or JPEG");
    }

    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, data.Length - _position);
            data.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
