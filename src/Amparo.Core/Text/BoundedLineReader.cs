using System.Text;

namespace Amparo.Core.Text;

/// <summary>
/// Reads lines from a <see cref="TextReader"/> without ever holding more than <see cref="MaxLineLength"/>
/// characters of one line: a hostile file with no line breaks must not exhaust memory. Lines longer than the
/// cap are returned cut, with <see cref="LastLineTruncated"/> set so the caller can record a diagnostic.
/// </summary>
public sealed class BoundedLineReader
{
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _line = new();
    private int _pos;
    private int _len;
    private bool _eof;

    public BoundedLineReader(TextReader reader, int maxLineLength = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        _reader = reader;
        MaxLineLength = maxLineLength;
    }

    public int MaxLineLength { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the line last returned was longer than <see cref="MaxLineLength"/> and was cut.</summary>
    public bool LastLineTruncated { get; private set; }

    /// <summary>Reads the next line (without its terminator), or null at the end.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        _line.Clear();
        LastLineTruncated = false;
        bool any = false;
        while (true)
        {
            if (_pos >= _len)
            {
                if (_eof)
                {
                    break;
                }

                _len = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                _pos = 0;
                if (_len == 0)
                {
                    _eof = true;
                    break;
                }
            }

            any = true;
            var span = _buffer.AsSpan(_pos, _len - _pos);
            int nl = span.IndexOfAny('\n', '\r');
            if (nl < 0)
            {
                Append(span);
                _pos = _len;
                continue;
            }

            Append(span[..nl]);
            char c = span[nl];
            _pos += nl + 1;
            if (c == '\r')
            {
                // Swallow the \n of a \r\n pair, even across a buffer boundary.
                if (_pos >= _len && !_eof)
                {
                    _len = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                    _pos = 0;
                    if (_len == 0)
                    {
                        _eof = true;
                    }
                }

                if (_pos < _len && _buffer[_pos] == '\n')
                {
                    _pos++;
                }
            }

            LineNumber++;
            return _line.ToString();
        }

        if (!any && _line.Length == 0)
        {
            return null;
        }

        LineNumber++;
        return _line.ToString();
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        int room = MaxLineLength - _line.Length;
        if (chars.Length > room)
        {
            LastLineTruncated = true;
            chars = chars[..Math.Max(0, room)];
        }

        _line.Append(chars);
    }
}
