namespace Amparo.Importers.Text;

/// <summary>A read-only pass-through stream that reports how far an import has read, a few times per megabyte at most.</summary>
public sealed class ProgressStream : Stream
{
    private const long Step = 4 << 20;
    private readonly Stream _inner;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly string _fileName;
    private readonly long? _total;
    private long _read;
    private long _nextReport = Step;

    public ProgressStream(Stream inner, string fileName, long? totalBytes, IProgress<ImportProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _fileName = fileName;
        _total = totalBytes;
        _progress = progress;
    }

    /// <summary>Wraps the input's stream when someone listens for progress; otherwise returns it as is.</summary>
    public static Stream Open(ImportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stream = input.Open();
        return input.Options.Progress is null ? stream : new ProgressStream(stream, input.FileName, input.Length, input.Options.Progress);
    }

    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _progress?.Report(new ImportProgress(_fileName, _read, _total));
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int n)
    {
        _read += n;
        if (_read >= _nextReport || n == 0)
        {
            _nextReport = _read + Step;
            _progress?.Report(new ImportProgress(_fileName, _read, _total));
        }

        return n;
    }
}
