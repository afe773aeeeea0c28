using System.Text;

namespace Amparo.Importers.Interchange;

/// <summary>
/// A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. It tracks the
/// physical line each record starts on, caps each field's length (a hostile file cannot exhaust memory) and
/// reports problems instead of throwing.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, int maxFieldLength, int maxFields = 256)
{
    private readonly char[] _buf = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _pos;
    private int _len;
    private bool _eof;
    private long _line = 1;

    /// <summary>Line on which the record last returned starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>What was wrong with the record last returned (unclosed quote, cut field), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Reads the next record's fields, or returns false at the end. Blank lines are skipped.</summary>
    public async ValueTask<bool> ReadAsync(List<string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        while (true)
        {
            fields.Clear();
            Problem = null;
            if (!await EnsureAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            RecordLine = _line;
            bool endOfRecord = false;
            while (!endOfRecord)
            {
                _field.Clear();
                bool truncated = false;
                if (!await EnsureAsync(cancellationToken).ConfigureAwait(false))
                {
                    AddField(fields, truncated);
                    break;
                }

                if (_buf[_pos] == '"')
                {
                    _pos++;
                    bool closed = false;
                    while (!closed)
                    {
                        if (!await EnsureAsync(cancellationToken).ConfigureAwait(false))
                        {
                            Problem = $"a quoted field opened on line {RecordLine} is never closed (the file ends inside it)";
                            AddField(fields, truncated);
                            return true;
                        }

                        var span = _buf.AsSpan(_pos, _len - _pos);
                        int stop = span.IndexOfAny('"', '\n', '\r');
                        if (stop < 0)
                        {
                            truncated |= Append(span);
                            _pos = _len;
                            continue;
                        }

                        truncated |= Append(span[..stop]);
                        _pos += stop;
                        char c = _buf[_pos++];
                        if (c == '"')
                        {
                            if (await EnsureAsync(cancellationToken).ConfigureAwait(false) && _buf[_pos] == '"')
                            {
                                _pos++;
                                truncated |= Append('"');
                            }
                            else
                            {
                                closed = true;
                            }
                        }
                        else
                        {
                            if (c == '\n' || (c == '\r' && !await PeekIsAsync('\n', cancellationToken).ConfigureAwait(false)))
                            {
                                _line++;
                            }

                            truncated |= Append(c);
                        }
                    }

                    // After the closing quote: a separator, a line end or the end of the file. Anything else is kept.
                    while (await EnsureAsync(cancellationToken).ConfigureAwait(false) && _buf[_pos] is not (',' or '\r' or '\n'))
                    {
                        Problem ??= $"characters after a closing quote on line {_line} were kept as part of the field";
                        truncated |= Append(_buf[_pos++]);
                    }
                }
                else
                {
                    while (await EnsureAsync(cancellationToken).ConfigureAwait(false) && _buf[_pos] is not (',' or '\r' or '\n'))
                    {
                        var span = _buf.AsSpan(_pos, _len - _pos);
                        int stop = span.IndexOfAny(',', '\r', '\n');
                        int take = stop < 0 ? span.Length : stop;
                        truncated |= Append(span[..take]);
                        _pos += take;
                    }
                }

                AddField(fields, truncated);
                if (!await EnsureAsync(cancellationToken).ConfigureAwait(false))
                {
                    endOfRecord = true;
                    break;
                }

                char sep = _buf[_pos++];
                if (sep is '\r' or '\n')
                {
                    if (sep == '\r' && await PeekIsAsync('\n', cancellationToken).ConfigureAwait(false))
                    {
                        _pos++;
                    }

                    _line++;
                    endOfRecord = true;
                }
            }

            if (fields.Count == 1 && fields[0].Length == 0 && Problem is null)
            {
                continue;
            }

            return true;
        }
    }

    private void AddField(List<string> fields, bool truncated)
    {
        if (truncated)
        {
            Problem ??= $"a field on line {RecordLine} is longer than {maxFieldLength:N0} characters and was cut";
        }

        if (fields.Count < maxFields)
        {
            fields.Add(_field.ToString());
        }
        else
        {
            Problem ??= $"the record on line {RecordLine} has more than {maxFields} fields; the rest were ignored";
        }
    }

    private bool Append(char c)
    {
        if (_field.Length >= maxFieldLength)
        {
            return true;
        }

        _field.Append(c);
        return false;
    }

    private bool Append(ReadOnlySpan<char> chars)
    {
        int room = maxFieldLength - _field.Length;
        if (chars.Length > room)
        {
            _field.Append(chars[..Math.Max(0, room)]);
            return true;
        }

        _field.Append(chars);
        return false;
    }

    private async ValueTask<bool> PeekIsAsync(char c, CancellationToken cancellationToken) =>
        await EnsureAsync(cancellationToken).ConfigureAwait(false) && _buf[_pos] == c;

    private async ValueTask<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_pos < _len)
        {
            return true;
        }

        if (_eof)
        {
            return false;
        }

        _len = await reader.ReadAsync(_buf.AsMemory(), cancellationToken).ConfigureAwait(false);
        _pos = 0;
        if (_len == 0)
        {
            _eof = true;
            return false;
        }

        return true;
    }
}
