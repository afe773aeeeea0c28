using System.Text;

namespace Amparo.Importers.Tests.Hostile;

/// <summary>
/// A read-only stream that produces a head, then a repeated body, then a tail, up to a total length, on the
/// fly: GB-sized inputs without GB on disk or in memory. The body may change per repetition (ids).
/// </summary>
internal sealed class GeneratedStream : Stream
{
    private readonly byte[] _head;
    private readonly Func<long, byte[]> _body;
    private readonly byte[] _tail;
    private readonly long _bodyBytes;
    private long _position;
    private long _repetition;
    private long _bodyProduced;
    private byte[] _current;
    private int _currentPos;
    private int _stage;

    /// <param name="head">Written once first.</param>
    /// <param name="body">The n-th repetition of the body (called once per repetition).</param>
    /// <param name="bodyBytes">Stop repeating the body once this many body bytes were produced.</param>
    /// <param name="tail">Written once last (may be empty, for truncated inputs).</param>
    public GeneratedStream(string head, Func<long, byte[]> body, long bodyBytes, string tail)
    {
        _head = Encoding.UTF8.GetBytes(head);
        _body = body;
        _bodyBytes = bodyBytes;
        _tail = Encoding.UTF8.GetBytes(tail);
        _current = _head;
    }

    public long BodyRepetitions => _repetition;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_currentPos >= _current.Length && !Advance())
            {
                break;
            }

            int n = Math.Min(buffer.Length - written, _current.Length - _currentPos);
            _current.AsSpan(_currentPos, n).CopyTo(buffer[written..]);
            _currentPos += n;
            written += n;
        }

        _position += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    private bool Advance()
    {
        _currentPos = 0;
        switch (_stage)
        {
            case 0 or 1 when _bodyProduced < _bodyBytes:
                _stage = 1;
                _current = _body(_repetition++);
                _bodyProduced += _current.Length;
                return true;
            case 0 or 1:
                _stage = 2;
                _current = _tail;
                return _tail.Length > 0;
            default:
                _current = [];
                return false;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
