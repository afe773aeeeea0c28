namespace Amparo.Importers.WhatsApp;

/// <summary>The order of the two ambiguous date fields in a WhatsApp export; decided once per file.</summary>
public enum WhatsAppDateOrder
{
    /// <summary>dd/mm/yy (most of the world).</summary>
    DayFirst,
    /// <summary>mm/dd/yy (United States and some locales).</summary>
    MonthFirst,
    /// <summary>yyyy/mm/dd.</summary>
    YearFirst,
}

/// <summary>The parts of a message header line, before the date order is applied.</summary>
internal struct WhatsAppHeader
{
    public int A;
    public int B;
    public int C;
    public int ALength;
    public int CLength;
    public int Hour;
    public int Minute;
    public int Second;
    /// <summary>0 = 24 h, 1 = a.m., 2 = p.m.</summary>
    public int Meridiem;
    /// <summary>The a.m./p.m. marker was spelled with dots (<c>p. m.</c>), as Spanish locales do.</summary>
    public bool MeridiemDotted;
    /// <summary>Index in the line where the author (or system text) starts.</summary>
    public int TextStart;

    public readonly bool YearFirst => ALength == 4;
}

/// <summary>
/// Span-level parsing of WhatsApp "Export chat" lines (no Regex: this runs once per line of GB-sized files).
/// Layouts: Android <c>DATE, TIME - Author: text</c>, iOS <c>[DATE, TIME] Author: text</c>, with dates in
/// d/m/y, m/d/y or y/m/d using <c>/ . -</c>, 12 h times with <c>AM</c>, <c>a. m.</c>, <c>p.m.</c>… and the
/// U+200E / U+202F / U+00A0 marks WhatsApp sprinkles in.
/// </summary>
internal static class WhatsAppLine
{
    /// <summary>Formatting marks WhatsApp puts before headers, names and attachment markers.</summary>
    public static bool IsMark(char c) =>
        c is '\u200E' or '\u200F' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool IsSpace(char c) => c is ' ' or '\u202F' or '\u00A0' or '\u2009' or '\t';

    public static bool TryParseHeader(ReadOnlySpan<char> line, out WhatsAppHeader h)
    {
        h = default;
        int i = 0;
        int len = line.Length;
        while (i < len && IsMark(line[i]))
        {
            i++;
        }

        if (i >= len)
        {
            return false;
        }

        bool bracket = line[i] == '[';
        if (bracket)
        {
            i++;
        }

        if (!ReadInt(line, ref i, 1, 4, out h.A, out h.ALength) || i >= len)
        {
            return false;
        }

        char sep = line[i];
        if (sep is not ('/' or '.' or '-'))
        {
            return false;
        }

        i++;
        if (!ReadInt(line, ref i, 1, 2, out h.B, out _) || i >= len || line[i] != sep)
        {
            return false;
        }

        i++;
        if (!ReadInt(line, ref i, 2, 4, out h.C, out h.CLength) || h.CLength == 3 || h.ALength == 3 || (h.ALength == 4 && h.CLength == 4))
        {
            return false;
        }

        if (h.ALength == 4 && h.CLength != 2 && h.C > 31)
        {
            return false;
        }

        if (i < len && line[i] == ',')
        {
            i++;
        }

        if (SkipSpaces(line, ref i) == 0)
        {
            return false;
        }

        if (!ReadInt(line, ref i, 1, 2, out h.Hour, out _) || i >= len || line[i] is not (':' or '.'))
        {
            return false;
        }

        char timeSep = line[i++];
        if (!ReadInt(line, ref i, 2, 2, out h.Minute, out _))
        {
            return false;
        }

        if (i + 1 < len && line[i] == timeSep && char.IsAsciiDigit(line[i + 1]))
        {
            i++;
            if (!ReadInt(line, ref i, 2, 2, out h.Second, out _))
            {
                return false;
            }
        }

        int beforeMeridiem = i;
        SkipSpaces(line, ref i);
        h.Meridiem = ReadMeridiem(line, ref i, out h.MeridiemDotted);
        if (h.Meridiem == 0)
        {
            i = beforeMeridiem;
        }

        if (bracket)
        {
            if (i >= len || line[i] != ']')
            {
                return false;
            }

            i++;
            while (i < len && IsSpace(line[i]))
            {
                i++;
            }
        }
        else
        {
            SkipSpaces(line, ref i);
            if (i >= len || line[i] is not ('-' or '\u2013'))
            {
                return false;
            }

            i++;
            if (i < len)
            {
                if (!IsSpace(line[i]))
                {
                    return false;
                }

                i++;
            }
        }

        if (h.Minute > 59 || h.Second > 59 || h.Hour > (h.Meridiem == 0 ? 23 : 12))
        {
            return false;
        }

        h.TextStart = i;
        return true;
    }

    /// <summary>Builds the wall-clock time under a date order; false when the date does not exist.</summary>
    public static bool TryGetDateTime(in WhatsAppHeader h, WhatsAppDateOrder order, out DateTime value)
    {
        int year, month, day;
        if (h.YearFirst)
        {
            (year, month, day) = (h.A, h.B, h.C);
        }
        else
        {
            year = h.CLength == 2 ? 2000 + h.C : h.C;
            (day, month) = order == WhatsAppDateOrder.MonthFirst ? (h.B, h.A) : (h.A, h.B);
        }

        int hour = h.Hour;
        if (h.Meridiem != 0)
        {
            hour = (hour % 12) + (h.Meridiem == 2 ? 12 : 0);
        }

        if (month is < 1 or > 12 || year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            value = default;
            return false;
        }

        value = new DateTime(year, month, day, hour, h.Minute, h.Second, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>
    /// Length of the author part of the text after the header, or -1 for a system line. WhatsApp writes
    /// <c>Author: text</c>; a system line ("Ann created group "x: y"") has no such prefix.
    /// </summary>
    public static int FindAuthorEnd(ReadOnlySpan<char> rest)
    {
        int idx = rest.IndexOf(": ", StringComparison.Ordinal);
        if (idx < 0)
        {
            if (rest.Length > 1 && rest[^1] == ':' && rest[..^1].IndexOf(':') < 0)
            {
                idx = rest.Length - 1;
            }
            else
            {
                return -1;
            }
        }

        if (idx == 0 || idx > 128)
        {
            return -1;
        }

        // Quotes appear in system lines that embed a group name ("created group "Groupname"").
        if (rest[..idx].IndexOfAny('"', '\u201C', '\u201D') >= 0)
        {
            return -1;
        }

        return idx;
    }

    /// <summary>Strips WhatsApp's direction marks from the ends of a name.</summary>
    public static ReadOnlySpan<char> CleanName(ReadOnlySpan<char> name)
    {
        int s = 0, e = name.Length;
        while (s < e && (IsMark(name[s]) || IsSpace(name[s])))
        {
            s++;
        }

        while (e > s && (IsMark(name[e - 1]) || IsSpace(name[e - 1])))
        {
            e--;
        }

        return name[s..e];
    }

    private static int SkipSpaces(ReadOnlySpan<char> line, ref int i)
    {
        int start = i;
        while (i < line.Length && (IsSpace(line[i]) || IsMark(line[i])))
        {
            i++;
        }

        return i - start;
    }

    private static bool ReadInt(ReadOnlySpan<char> s, ref int i, int minDigits, int maxDigits, out int value, out int digits)
    {
        value = 0;
        digits = 0;
        while (i < s.Length && digits < maxDigits && char.IsAsciiDigit(s[i]))
        {
            value = (value * 10) + (s[i] - '0');
            i++;
            digits++;
        }

        return digits >= minDigits && (i >= s.Length || !char.IsAsciiDigit(s[i]));
    }

    private static int ReadMeridiem(ReadOnlySpan<char> s, ref int i, out bool dotted)
    {
        dotted = false;
        if (i >= s.Length || s[i] is not ('a' or 'A' or 'p' or 'P'))
        {
            return 0;
        }

        int result = s[i] is 'p' or 'P' ? 2 : 1;
        int j = i + 1;
        if (j < s.Length && s[j] == '.')
        {
            j++;
            dotted = true;
        }

        while (j < s.Length && IsSpace(s[j]))
        {
            j++;
        }

        if (j >= s.Length || s[j] is not ('m' or 'M'))
        {
            return 0;
        }

        j++;
        if (j < s.Length && s[j] == '.')
        {
            j++;
        }

        i = j;
        return result;
    }
}
