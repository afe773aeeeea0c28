using System.Globalization;
using System.Text;

namespace Amparo.Importers.Sms;

/// <summary>
/// SMS Backup &amp; Restore (with its emoji option) writes each UTF-16 half of an emoji as its own numeric
/// character reference, <c>&amp;#55357;&amp;#56832;</c>, which XML forbids. This reader sits between the
/// decoded text and the XML parser and rewrites such a pair into the one valid reference of the real
/// character (<c>&amp;#128512;</c>); a lone half or another forbidden code point becomes U+FFFD and is
/// counted so the importer can say so. Line breaks are never added or removed, so line numbers still match
/// the file.
/// </summary>
public sealed class CharacterReferenceRepair : TextReader
{
    // Longest reference we look at: "&#x" + 8 digits + ";" with room to spare.
    private const int MaxRef = 16;

    private readonly TextReader _inner;
    private readonly char[] _in = new char[64 * 1024];
    private int _inStart;
    private int _inEnd;
    private bool _eof;
    private readonly StringBuilder _out = new();
    private int _outPos;

    public CharacterReferenceRepair(TextReader inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Surrogate pairs rewritten into one reference.</summary>
    public long PairsRepaired { get; private set; }

    /// <summary>Lone surrogates or forbidden code points replaced by U+FFFD.</summary>
    public long InvalidReplaced { get; private set; }

    public override int Peek()
    {
        if (!EnsureOutput())
        {
            return -1;
        }

        return _out[_outPos];
    }

    public override int Read()
    {
        if (!EnsureOutput())
        {
            return -1;
        }

        return _out[_outPos++];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !EnsureOutput())
        {
            return 0;
        }

        int n = Math.Min(buffer.Length, _out.Length - _outPos);
        _out.CopyTo(_outPos, buffer, n);
        _outPos += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool EnsureOutput()
    {
        while (_outPos >= _out.Length)
        {
            _out.Clear();
            _outPos = 0;
            if (!Fill())
            {
                return false;
            }

            Process();
        }

        return true;
    }

    private bool Fill()
    {
        if (_eof && _inStart >= _inEnd)
        {
            return false;
        }

        if (_inStart > 0)
        {
            Array.Copy(_in, _inStart, _in, 0, _inEnd - _inStart);
            _inEnd -= _inStart;
            _inStart = 0;
        }

        if (!_eof)
        {
            int n = _inner.Read(_in, _inEnd, _in.Length - _inEnd);
            if (n == 0)
            {
                _eof = true;
            }

            _inEnd += n;
        }

        return _inEnd > _inStart;
    }

    // Copies _in to _out, rewriting bad references; leaves an incomplete reference at the end for the next fill.
    private void Process()
    {
        int i = _inStart;
        int end = _inEnd;
        while (i < end)
        {
            int amp = Array.IndexOf(_in, '&', i, end - i);
            if (amp < 0)
            {
                _out.Append(_in, i, end - i);
                i = end;
                break;
            }

            _out.Append(_in, i, amp - i);
            i = amp;
            var first = TryParseRef(i, end, out int firstLen, out int value);
            if (first == RefState.Incomplete && !_eof)
            {
                break;
            }

            if (first != RefState.Complete)
            {
                _out.Append('&');
                i++;
                continue;
            }

            if (char.IsHighSurrogate((char)Math.Min(value, 0xFFFF)) && value <= 0xFFFF)
            {
                var second = TryParseRef(i + firstLen, end, out int secondLen, out int low);
                if (second == RefState.Incomplete && !_eof)
                {
                    break;
                }

                if (second == RefState.Complete && low <= 0xFFFF && char.IsLowSurrogate((char)low))
                {
                    int scalar = char.ConvertToUtf32((char)value, (char)low);
                    _out.Append("&#").Append(scalar.ToString(CultureInfo.InvariantCulture)).Append(';');
                    PairsRepaired++;
                    i += firstLen + secondLen;
                    continue;
                }

                AppendReplacement();
                i += firstLen;
                continue;
            }

            if (!IsXmlChar(value))
            {
                AppendReplacement();
                i += firstLen;
                continue;
            }

            _out.Append(_in, i, firstLen);
            i += firstLen;
        }

        _inStart = i;
    }

    private void AppendReplacement()
    {
        _out.Append("&#65533;");
        InvalidReplaced++;
    }

    private enum RefState
    {
        NotARef,
        Incomplete,
        Complete,
    }

    private RefState TryParseRef(int at, int end, out int length, out int value)
    {
        length = 0;
        value = 0;
        int i = at;
        if (i >= end)
        {
            return RefState.Incomplete;
        }

        if (_in[i] != '&')
        {
            return RefState.NotARef;
        }

        if (++i >= end)
        {
            return RefState.Incomplete;
        }

        if (_in[i] != '#')
        {
            return RefState.NotARef;
        }

        if (++i >= end)
        {
            return RefState.Incomplete;
        }

        bool hex = _in[i] is 'x';
        if (hex && ++i >= end)
        {
            return RefState.Incomplete;
        }

        long v = 0;
        int digits = 0;
        while (i < end && i - at < MaxRef)
        {
            char c = _in[i];
            int d = c is >= '0' and <= '9' ? c - '0'
                : hex && c is >= 'a' and <= 'f' ? c - 'a' + 10
                : hex && c is >= 'A' and <= 'F' ? c - 'A' + 10
                : -1;
            if (d < 0)
            {
                break;
            }

            v = (v * (hex ? 16 : 10)) + d;
            if (v > 0x10FFFF)
            {
                v = 0x110000;
            }

            digits++;
            i++;
        }

        if (i >= end)
        {
            return i - at < MaxRef ? RefState.Incomplete : RefState.NotARef;
        }

        if (digits == 0 || _in[i] != ';')
        {
            return RefState.NotARef;
        }

        length = i + 1 - at;
        value = (int)v;
        return RefState.Complete;
    }

    private static bool IsXmlChar(int v) =>
        v is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
}
