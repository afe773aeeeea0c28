using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;
using Amparo.Core;
using Amparo.Importers.Text;

namespace Amparo.Importers.Pan2012;

/// <summary>
/// A streaming scanner for the fixed PAN-2012 layout over UTF-8 bytes, several times faster than
/// <see cref="XmlReader"/> (the official corpus is hundreds of MB). It keeps XmlReader's semantics for this
/// layout — the five predefined entities and numeric references, CDATA, comments and processing instructions,
/// end-of-line normalisation, tag matching, XML's forbidden characters, strict UTF-8 — and, like the reference
/// parser, refuses any <c>&lt;!DOCTYPE&gt;</c> without reading it. Tests keep both parsers in agreement.
/// </summary>
internal sealed class PanScanner : IPanParser
{
    private const int InitialBuffer = 1 << 20;

    // A tag, comment or CDATA section must fit in this; text is streamed in pieces and never needs to.
    private const int MaxBuffer = 64 << 20;

    private static readonly SearchValues<byte> ForbiddenControls = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly SearchValues<byte> TagSpecials = SearchValues.Create("<>\"'"u8);

    private readonly Stream _stream;
    private readonly PanConversationBuilder _builder;
    private readonly Encoding _utf8 = TextDecoding.StrictUtf8;
    private byte[] _buf = new byte[InitialBuffer];
    private int _pos;
    private int _end;
    private bool _eof;

    // Newlines before _lineBase are counted in _line.
    private long _line = 1;
    private int _lineBase;

    private Tok _tok;
    private int _tokStart;
    private int _tokEnd;
    private int _nameStart;
    private int _nameEnd;
    private bool _textBeforeEndTag;

    private char[] _chars = new char[4096];
    private int _charCount;
    private bool _truncated;
    private readonly (byte[] Bytes, string Value)[] _cache = new (byte[], string)[8];
    private int _cacheNext;
    private bool _started;
    private bool _done;

    public PanScanner(Stream stream, string fileName, int maxTextLength)
    {
        _stream = stream;
        _builder = new PanConversationBuilder(fileName, maxTextLength);
    }

    private enum Tok
    {
        Eof,
        StartTag,
        EmptyTag,
        EndTag,
        Text,
        CData,
    }

    public long? Line => LineAt(_pos);

    public Conversation? Next(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return null;
        }

        if (!_started)
        {
            _started = true;
            SkipBom();
            if (!Prolog())
            {
                _done = true;
                ReadTrailer();
                return null;
            }
        }

        while (true)
        {
            switch (NextToken())
            {
                case Tok.Eof:
                    throw Error("Unexpected end of file while parsing <conversations>: the element is not closed.");
                case Tok.Text or Tok.CData:
                    continue;
                case Tok.EndTag:
                    ExpectEnd("conversations");
                    _done = true;
                    ReadTrailer();
                    return null;
                case Tok.EmptyTag when NameIs("conversation"u8):
                    cancellationToken.ThrowIfCancellationRequested();
                    _builder.Start(Attribute("id"u8), LineAt(_tokStart));
                    return _builder.Build();
                case Tok.StartTag when NameIs("conversation"u8):
                    cancellationToken.ThrowIfCancellationRequested();
                    _builder.Start(Attribute("id"u8), LineAt(_tokStart));
                    ReadConversation();
                    return _builder.Build();
                case Tok.StartTag:
                    SkipElement();
                    continue;
                case Tok.EmptyTag:
                    continue;
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    private void SkipBom()
    {
        EnsureAvailable(3);
        if (_end - _pos >= 3 && _buf[_pos] == 0xEF && _buf[_pos + 1] == 0xBB && _buf[_pos + 2] == 0xBF)
        {
            _pos += 3;
        }
    }

    // Up to the root start tag; false when the root is empty (<conversations/>).
    private bool Prolog()
    {
        while (true)
        {
            switch (NextToken())
            {
                case Tok.Eof:
                    throw Error("Root element is missing (unexpected end of file).");
                case Tok.Text when IsWhitespace(_tokStart, _tokEnd):
                    continue;
                case Tok.StartTag or Tok.EmptyTag when NameIs("conversations"u8):
                    return _tok == Tok.StartTag;
                case Tok.StartTag or Tok.EmptyTag:
                    throw Error($"the root element is <{Name()}>, not <conversations>");
                default:
                    throw Error("Data at the root level is invalid.");
            }
        }
    }

    // After the root: only whitespace, comments and processing instructions may follow.
    private void ReadTrailer()
    {
        while (true)
        {
            switch (NextToken())
            {
                case Tok.Eof:
                    return;
                case Tok.Text when IsWhitespace(_tokStart, _tokEnd):
                    continue;
                default:
                    throw Error("Data at the root level is invalid (content after the root element).");
            }
        }
    }

    private void ReadConversation()
    {
        while (true)
        {
            switch (NextToken())
            {
                case Tok.Eof:
                    throw Error("Unexpected end of file while parsing <conversation>: the element is not closed.");
                case Tok.Text or Tok.CData:
                    continue;
                case Tok.EndTag:
                    ExpectEnd("conversation");
                    return;
                case Tok.EmptyTag when NameIs("message"u8):
                    _builder.Add(Attribute("line"u8), "", null, "", false, LineAt(_tokStart));
                    continue;
                case Tok.StartTag when NameIs("message"u8):
                    ReadMessage();
                    continue;
                case Tok.StartTag:
                    SkipElement();
                    continue;
                case Tok.EmptyTag:
                    continue;
            }
        }
    }

    private void ReadMessage()
    {
        long? line = LineAt(_tokStart);
        string? lineAttribute = Attribute("line"u8);
        string author = "";
        string? time = null;
        string text = "";
        bool truncated = false;
        while (true)
        {
            switch (NextToken())
            {
                case Tok.Eof:
                    throw Error("Unexpected end of file while parsing <message>: the element is not closed.");
                case Tok.Text or Tok.CData:
                    continue;
                case Tok.EndTag:
                    ExpectEnd("message");
                    _builder.Add(lineAttribute, author, time, text, truncated, line);
                    return;
                case Tok.EmptyTag:
                    if (NameIs("author"u8))
                    {
                        author = "";
                    }
                    else if (NameIs("time"u8))
                    {
                        time = "";
                    }
                    else if (NameIs("text"u8))
                    {
                        text = "";
                    }

                    continue;
                case Tok.StartTag when NameIs("author"u8):
                    author = ReadContent("author", cached: true, out _);
                    continue;
                case Tok.StartTag when NameIs("time"u8):
                    time = ReadContent("time", cached: true, out _);
                    continue;
                case Tok.StartTag when NameIs("text"u8):
                    text = ReadContent("text", cached: false, out truncated);
                    continue;
                case Tok.StartTag:
                    SkipElement();
                    continue;
            }
        }
    }

    // Text and CDATA up to the element's end tag; nested elements are skipped, as the reference parser does.
    private string ReadContent(string name, bool cached, out bool truncated)
    {
        _charCount = 0;
        _truncated = false;
        int pieces = 0;
        while (true)
        {
            switch (NextToken())
            {
                case Tok.Eof:
                    throw Error($"Unexpected end of file while parsing <{name}>: the element is not closed.");
                case Tok.Text:
                    pieces++;

                    // The common case: one piece of plain text right before the end tag. Decode straight to a string.
                    if (pieces == 1 && _textBeforeEndTag && _buf.AsSpan(_tokStart, _tokEnd - _tokStart).IndexOfAny((byte)'&', (byte)'\r') < 0)
                    {
                        var span = _buf.AsSpan(_tokStart, _tokEnd - _tokStart);
                        CheckControls(span, _tokStart);
                        truncated = false;
                        string value = cached ? Cached(span) : DecodeCapped(span, out truncated);
                        if (NextToken() != Tok.EndTag)
                        {
                            throw Error("Unexpected token after text.");
                        }

                        ExpectEnd(name);
                        return value;
                    }

                    AppendText(_buf.AsSpan(_tokStart, _tokEnd - _tokStart), _tokStart);
                    continue;
                case Tok.CData:
                    pieces++;
                    AppendCData(_buf.AsSpan(_tokStart, _tokEnd - _tokStart));
                    continue;
                case Tok.StartTag:
                    SkipElement();
                    continue;
                case Tok.EmptyTag:
                    continue;
                case Tok.EndTag:
                    ExpectEnd(name);
                    truncated = _truncated;
                    return new string(_chars, 0, _charCount);
            }
        }
    }

    private string Cached(ReadOnlySpan<byte> span)
    {
        foreach (var (bytes, value) in _cache)
        {
            if (bytes is not null && span.SequenceEqual(bytes))
            {
                return value;
            }
        }

        string s = _utf8.GetString(span);
        if (span.Length <= 64)
        {
            _cache[_cacheNext] = (span.ToArray(), s);
            _cacheNext = (_cacheNext + 1) % _cache.Length;
        }

        return s;
    }

    private string DecodeCapped(ReadOnlySpan<byte> span, out bool truncated)
    {
        truncated = false;
        int cap = _builder.MaxTextLength;
        if (span.Length <= cap)
        {
            return _utf8.GetString(span);
        }

        string s = _utf8.GetString(span);
        if (s.Length <= cap)
        {
            return s;
        }

        truncated = true;
        return s[..cap];
    }

    // Decodes text with entity and character references and end-of-line normalisation into _chars.
    private void AppendText(ReadOnlySpan<byte> span, int absStart)
    {
        CheckControls(span, absStart);
        while (!span.IsEmpty)
        {
            int amp = span.IndexOf((byte)'&');
            var plain = amp < 0 ? span : span[..amp];
            AppendDecoded(plain, normaliseLines: true);
            if (amp < 0)
            {
                return;
            }

            span = span[amp..];
            int semi = span[..Math.Min(span.Length, 12)].IndexOf((byte)';');
            if (semi < 0)
            {
                throw Error("An entity reference is not terminated by ';'.");
            }

            AppendReference(span[1..semi]);
            span = span[(semi + 1)..];
        }
    }

    private void AppendCData(ReadOnlySpan<byte> span)
    {
        CheckControls(span, _tokStart);
        AppendDecoded(span, normaliseLines: true);
    }

    private void AppendReference(ReadOnlySpan<byte> body)
    {
        if (body.SequenceEqual("lt"u8))
        {
            AppendChar('<');
        }
        else if (body.SequenceEqual("gt"u8))
        {
            AppendChar('>');
        }
        else if (body.SequenceEqual("amp"u8))
        {
            AppendChar('&');
        }
        else if (body.SequenceEqual("quot"u8))
        {
            AppendChar('"');
        }
        else if (body.SequenceEqual("apos"u8))
        {
            AppendChar('\'');
        }
        else if (body.Length > 1 && body[0] == '#')
        {
            bool hex = body[1] == 'x';
            var digits = body[(hex ? 2 : 1)..];
            if (!int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                || !IsXmlChar(value))
            {
                throw Error($"Invalid character reference '&{Encoding.ASCII.GetString(body)};'.");
            }

            if (value > 0xFFFF)
            {
                string pair = char.ConvertFromUtf32(value);
                AppendChar(pair[0]);
                AppendChar(pair[1]);
            }
            else
            {
                AppendChar((char)value);
            }
        }
        else
        {
            throw Error($"Reference to undeclared entity '{Encoding.UTF8.GetString(body)}'.");
        }
    }

    private void AppendDecoded(ReadOnlySpan<byte> bytes, bool normaliseLines)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        int room = _builder.MaxTextLength - _charCount;
        if (room <= 0)
        {
            _truncated = true;
            return;
        }

        int max = _utf8.GetMaxCharCount(bytes.Length);
        EnsureChars(Math.Min(_charCount + max, _charCount + room + 4));
        if (max > room)
        {
            string s = _utf8.GetString(bytes);
            var chars = s.AsSpan();
            if (chars.Length > room)
            {
                chars = chars[..room];
                _truncated = true;
            }

            chars.CopyTo(_chars.AsSpan(_charCount));
            int start = _charCount;
            _charCount += chars.Length;
            if (normaliseLines)
            {
                NormaliseLines(start);
            }

            return;
        }

        int first = _charCount;
        _charCount += _utf8.GetChars(bytes, _chars.AsSpan(_charCount));
        if (normaliseLines)
        {
            NormaliseLines(first);
        }
    }

    // XML end-of-line handling: \r\n and a lone \r become \n.
    private void NormaliseLines(int from)
    {
        var span = _chars.AsSpan(from, _charCount - from);
        if (span.IndexOf('\r') < 0)
        {
            return;
        }

        int w = from;
        for (int r = from; r < _charCount; r++)
        {
            char c = _chars[r];
            if (c == '\r')
            {
                _chars[w++] = '\n';
                if (r + 1 < _charCount && _chars[r + 1] == '\n')
                {
                    r++;
                }
            }
            else
            {
                _chars[w++] = c;
            }
        }

        _charCount = w;
    }

    private void AppendChar(char c)
    {
        if (_charCount >= _builder.MaxTextLength)
        {
            _truncated = true;
            return;
        }

        EnsureChars(_charCount + 1);
        _chars[_charCount++] = c;
    }

    private void EnsureChars(int needed)
    {
        if (needed > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(needed, _chars.Length * 2));
        }
    }

    private void CheckControls(ReadOnlySpan<byte> span, int absStart)
    {
        int bad = span.IndexOfAny(ForbiddenControls);
        if (bad >= 0)
        {
            throw Error($"'\\x{span[bad]:X2}', hexadecimal value 0x{span[bad]:X2}, is an invalid character.", absStart + bad);
        }
    }

    private void SkipElement()
    {
        int depth = 1;
        var names = new Stack<string>();
        names.Push(Name());
        while (depth > 0)
        {
            switch (NextToken())
            {
                case Tok.Eof:
                    throw Error($"Unexpected end of file while parsing <{names.Peek()}>: the element is not closed.");
                case Tok.StartTag:
                    names.Push(Name());
                    depth++;
                    break;
                case Tok.EndTag:
                    ExpectEnd(names.Pop());
                    depth--;
                    break;
                case Tok.Text:
                    CheckControls(_buf.AsSpan(_tokStart, _tokEnd - _tokStart), _tokStart);
                    break;
                default:
                    break;
            }
        }
    }

    private void ExpectEnd(string name)
    {
        bool same = _nameEnd - _nameStart == name.Length;
        for (int k = 0; same && k < name.Length; k++)
        {
            same = _buf[_nameStart + k] == name[k];
        }

        if (!same)
        {
            throw Error($"The '{name}' start tag does not match the end tag of '{Name()}'.");
        }
    }

    private bool NameIs(ReadOnlySpan<byte> name) => _buf.AsSpan(_nameStart, _nameEnd - _nameStart).SequenceEqual(name);

    private string Name() => Encoding.UTF8.GetString(_buf, _nameStart, _nameEnd - _nameStart);

    // Reads the next token; its bytes stay valid until the following call.
    private Tok NextToken()
    {
        while (true)
        {
            if (!EnsureAvailable(1))
            {
                return _tok = Tok.Eof;
            }

            if (_buf[_pos] != '<')
            {
                return _tok = ScanText();
            }

            EnsureAvailable(9);
            var rest = _buf.AsSpan(_pos, _end - _pos);
            if (rest.StartsWith("<?"u8))
            {
                SkipPast("?>"u8);
                continue;
            }

            if (rest.StartsWith("<!--"u8))
            {
                SkipPast("-->"u8);
                continue;
            }

            if (rest.StartsWith("<![CDATA["u8))
            {
                int close = FindFrom(_pos + 9, "]]>"u8, "CDATA section");
                _tokStart = _pos + 9;
                _tokEnd = close;
                _pos = close + 3;
                return _tok = Tok.CData;
            }

            if (rest.StartsWith("<!"u8))
            {
                // Never parsed, never resolved: a DTD is refused on sight.
                throw Error("For security reasons DTD is prohibited in this XML document (<!DOCTYPE>); it was not read.");
            }

            return _tok = ScanTag();
        }
    }

    private Tok ScanText()
    {
        int lt = IndexOfByte((byte)'<', _pos, allowPartial: true, out bool partial);
        int end = lt;
        if (partial)
        {
            end = SafeCut(_pos, lt);
        }

        _tokStart = _pos;
        _tokEnd = end;
        _pos = end;

        // Looked at without reading more: a read would move the buffer under this token.
        _textBeforeEndTag = !partial && end + 1 < _end && _buf[end] == '<' && _buf[end + 1] == '/';
        return Tok.Text;
    }

    // Cut a text piece so that it ends neither inside an entity reference nor inside a UTF-8 sequence.
    private int SafeCut(int start, int end)
    {
        int amp = _buf.AsSpan(start, end - start).LastIndexOf((byte)'&');
        if (amp >= 0 && _buf.AsSpan(start + amp, end - start - amp).IndexOf((byte)';') < 0 && end - (start + amp) < 16)
        {
            end = start + amp;
        }

        for (int back = 1; back <= 3 && end - back > start; back++)
        {
            byte b = _buf[end - back];
            if ((b & 0xC0) == 0xC0)
            {
                int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                if (len > back)
                {
                    end -= back;
                }

                break;
            }

            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return end > start ? end : throw Error("A text piece could not be split safely.");
    }

    private Tok ScanTag()
    {
        // Find the closing '>' outside quoted attribute values.
        int i = _pos + 1;
        char quote = '\0';
        while (true)
        {
            if (i >= _end)
            {
                int rel = i - _pos;
                if (!Fill(growTo: MaxBuffer))
                {
                    throw Error("Unexpected end of file inside a tag.");
                }

                i = _pos + rel;
                continue;
            }

            if (quote != '\0')
            {
                int q = _buf.AsSpan(i, _end - i).IndexOf((byte)quote);
                if (q < 0)
                {
                    i = _end;
                    continue;
                }

                i += q + 1;
                quote = '\0';
                continue;
            }

            int s = _buf.AsSpan(i, _end - i).IndexOfAny(TagSpecials);
            if (s < 0)
            {
                i = _end;
                continue;
            }

            i += s;
            byte c = _buf[i];
            if (c == '>')
            {
                break;
            }

            if (c == '<')
            {
                throw Error("'<' cannot appear inside a tag.", i);
            }

            quote = (char)c;
            i++;
        }

        int gt = i;
        _tokStart = _pos;
        _tokEnd = gt + 1;
        bool end = _buf[_pos + 1] == '/';
        bool empty = !end && _buf[gt - 1] == '/';
        int n = _pos + (end ? 2 : 1);
        _nameStart = n;
        while (n < gt && !IsSpace(_buf[n]) && _buf[n] != '/')
        {
            n++;
        }

        _nameEnd = n;
        if (_nameEnd == _nameStart)
        {
            throw Error("Name cannot begin with the given character.");
        }

        if (end && !IsWhitespace(_nameEnd, gt))
        {
            throw Error("An end tag holds more than a name.");
        }

        _pos = gt + 1;
        return end ? Tok.EndTag : empty ? Tok.EmptyTag : Tok.StartTag;
    }

    // The value of one attribute of the current start tag, decoded and normalised as XML does; null if absent.
    private string? Attribute(ReadOnlySpan<byte> name)
    {
        int i = _nameEnd;
        int gt = _tokEnd - 1;
        string? found = null;
        while (true)
        {
            while (i < gt && IsSpace(_buf[i]))
            {
                i++;
            }

            if (i >= gt || _buf[i] == '/')
            {
                return found;
            }

            int ns = i;
            while (i < gt && _buf[i] != '=' && !IsSpace(_buf[i]))
            {
                i++;
            }

            int ne = i;
            while (i < gt && IsSpace(_buf[i]))
            {
                i++;
            }

            if (i >= gt || _buf[i] != '=' || ne == ns)
            {
                throw Error("An attribute is malformed (expected name=\"value\").", i);
            }

            i++;
            while (i < gt && IsSpace(_buf[i]))
            {
                i++;
            }

            if (i >= gt || _buf[i] is not ((byte)'"' or (byte)'\''))
            {
                throw Error("An attribute value is not quoted.", i);
            }

            byte q = _buf[i];
            int vs = i + 1;
            int ve = _buf.AsSpan(vs, gt - vs).IndexOf(q) + vs;
            if (ve < vs)
            {
                throw Error("An attribute value is not closed.", i);
            }

            i = ve + 1;
            if (found is null && _buf.AsSpan(ns, ne - ns).SequenceEqual(name))
            {
                _charCount = 0;
                AppendText(_buf.AsSpan(vs, ve - vs), vs);
                for (int k = 0; k < _charCount; k++)
                {
                    if (_chars[k] is '\n' or '\t')
                    {
                        _chars[k] = ' ';
                    }
                }

                found = new string(_chars, 0, _charCount);
            }
        }
    }

    private void SkipPast(ReadOnlySpan<byte> terminator)
    {
        int at = FindFrom(_pos + 2, terminator, terminator[0] == '?' ? "processing instruction" : "comment");
        _pos = at + terminator.Length;
    }

    // Absolute index of the terminator at or after from, growing the buffer as needed (bounded by MaxBuffer).
    private int FindFrom(int from, ReadOnlySpan<byte> terminator, string what)
    {
        while (true)
        {
            int idx = _buf.AsSpan(from, _end - from).IndexOf(terminator);
            if (idx >= 0)
            {
                return from + idx;
            }

            int rel = Math.Max(from - _pos, _end - _pos - terminator.Length + 1);
            if (!Fill(growTo: MaxBuffer))
            {
                throw Error($"Unexpected end of file inside a {what}.");
            }

            from = _pos + Math.Max(0, rel);
        }
    }

    // Index of b at or after from. With allowPartial, returns the end of the buffered data (partial = true) when
    // the buffer is full rather than growing it.
    private int IndexOfByte(byte b, int from, bool allowPartial, out bool partial)
    {
        partial = false;
        while (true)
        {
            int idx = _buf.AsSpan(from, _end - from).IndexOf(b);
            if (idx >= 0)
            {
                return from + idx;
            }

            int rel = _end - _pos;
            if (_eof)
            {
                return _end;
            }

            if (_pos == 0 && _end == _buf.Length && allowPartial)
            {
                partial = true;
                return _end;
            }

            if (!Fill(growTo: allowPartial ? _buf.Length : MaxBuffer))
            {
                return _end;
            }

            from = _pos + rel;
        }
    }

    private bool EnsureAvailable(int count)
    {
        while (_end - _pos < count)
        {
            if (!Fill(growTo: MaxBuffer))
            {
                return _end > _pos;
            }
        }

        return true;
    }

    // Moves unread bytes to the front, grows the buffer if it is full (up to growTo), reads more. False at EOF.
    private bool Fill(int growTo)
    {
        if (_eof)
        {
            return false;
        }

        if (_pos > 0)
        {
            CountLines(_pos);
            Buffer.BlockCopy(_buf, _pos, _buf, 0, _end - _pos);
            _end -= _pos;
            _tokStart -= _pos;
            _tokEnd -= _pos;
            _nameStart -= _pos;
            _nameEnd -= _pos;
            _lineBase = 0;
            _pos = 0;
        }

        if (_end == _buf.Length)
        {
            if (_buf.Length >= growTo)
            {
                throw Error($"A single tag, comment or CDATA section is longer than {MaxBuffer / (1 << 20)} MB.");
            }

            Array.Resize(ref _buf, Math.Min(growTo, _buf.Length * 2));
        }

        int n = _stream.Read(_buf, _end, _buf.Length - _end);
        if (n == 0)
        {
            _eof = true;
            return false;
        }

        _end += n;
        return true;
    }

    private void CountLines(int upTo)
    {
        if (upTo > _lineBase)
        {
            _line += CountNewlines(_lineBase, upTo);
            _lineBase = upTo;
        }
    }

    // XML counts \r\n, \n and a lone \r as one line end each.
    private int CountNewlines(int start, int end)
    {
        var span = _buf.AsSpan(start, end - start);
        int n = span.Count((byte)'\n');
        if (span.Contains((byte)'\r'))
        {
            for (int i = 0; i < span.Length; i++)
            {
                if (span[i] == '\r' && (i + 1 < span.Length ? span[i + 1] != '\n' : start + i + 1 >= _end || _buf[start + i + 1] != '\n'))
                {
                    n++;
                }
            }
        }

        return n;
    }

    private long LineAt(int index)
    {
        index = Math.Clamp(index, 0, _end);
        if (index < _lineBase)
        {
            return _line - CountNewlines(index, _lineBase);
        }

        CountLines(index);
        return _line;
    }

    private XmlException Error(string message, int? at = null)
    {
        long line = LineAt(at ?? _pos);
        return new XmlException(message, null, (int)Math.Min(line, int.MaxValue), 1);
    }

    private bool IsWhitespace(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (!IsSpace(_buf[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private static bool IsXmlChar(int v) =>
        v is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
}
