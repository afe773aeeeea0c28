namespace Amparo.Importers.Zip;

/// <summary>What is left of an archive's total uncompressed-bytes allowance, shared by all its entries.</summary>
internal sealed class ArchiveBudget(long totalBytes, double maxRatio)
{
    public double MaxRatio { get; } = maxRatio;

    public long Remaining { get; private set; } = totalBytes;

    public long Total { get; } = totalBytes;

    public void Spend(long bytes, string entry)
    {
        Remaining -= bytes;
        if (Remaining < 0)
        {
            throw new ArchiveLimitException(FormattableString.Invariant(
                $"the archive expands to more than {Total:N0} bytes in total (reading \"{entry}\"); the rest was refused as a possible zip bomb"));
        }
    }
}

/// <summary>
/// Wraps a decompressing entry stream and counts the bytes it actually produces: headers can lie, so the caps
/// (per-entry ratio, archive total) are enforced on what comes out, while it comes out.
/// </summary>
internal sealed class CappedStream(Stream inner, string entry, long entryCap, ArchiveBudget budget) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Count(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(int n)
    {
        _read += n;
        if (_read > entryCap)
        {
            throw new ArchiveLimitException(FormattableString.Invariant(
                $"archive entry \"{entry}\" expands to more than {entryCap:N0} bytes, far beyond its compressed size; refused as a possible zip bomb"));
        }

        budget.Spend(n, entry);
    }

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
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
