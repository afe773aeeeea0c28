namespace Amparo.Detection.Normalization;

/// <summary>
/// Splits chat text into normalised tokens in one pass over the characters, with no regular expressions and no
/// allocation once the <see cref="TokenBuffer"/> has grown: case and accents folded, apostrophes dropped
/// (<c>don't</c> → <c>dont</c> → <c>do not</c>), leetspeak read (<c>s3xy</c>, <c>d0nt</c>, <c>c@m</c>), spaced or
/// dotted single letters joined (<c>s.e.x</c>, <c>s e x</c>), letter runs of three or more squeezed
/// (<c>pleeease</c>), abbreviations expanded (<see cref="ChatLexicon"/>), emoji turned into <c>:name:</c> tokens and
/// phone numbers recognised. Every token keeps its span in the original text.
/// </summary>
public static class ChatTokenizer
{
    /// <summary>Letters that are words or common abbreviations on their own, so spaced runs of only these are not joined.</summary>
    private const string StandaloneLetters = "aeiouyrkqcbnxd";

    [ThreadStatic]
    private static TokenBuffer? t_buffer;

    /// <summary>Tokenizes with the default lexicon.</summary>
    public static void Tokenize(ReadOnlySpan<char> text, TokenBuffer buffer) => Tokenize(text, buffer, ChatLexicon.Default);

    /// <summary>Tokenizes <paramref name="text"/> into <paramref name="buffer"/> (cleared first).</summary>
    public static void Tokenize(ReadOnlySpan<char> text, TokenBuffer buffer, ChatLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(lexicon);
        buffer.Clear();
        bool clause = true;
        int i = 0;
        int n = text.Length;
        while (i < n)
        {
            char c = text[i];
            var cls = CharFolding.Classify(c);
            if (cls is CharClass.Letter or CharClass.Digit || (c == '$' && i + 1 < n && CharFolding.IsLetter(text[i + 1])))
            {
                i = ReadWord(text, i, buffer, lexicon, ref clause);
                continue;
            }

            if (char.IsHighSurrogate(c) || c is (>= '\u2600' and <= '\u27BF') or '\u2B50' or '\u2B55')
            {
                i = ReadEmoji(text, i, buffer, lexicon, ref clause);
                continue;
            }

            if (cls == CharClass.ClauseBreak)
            {
                clause = true;
            }

            i++;
        }
    }

    /// <summary>Tokenizes into new objects: convenient for tests and tools, not for hot paths.</summary>
    public static IReadOnlyList<NormalizedToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = t_buffer ??= new TokenBuffer();
        Tokenize(text, buffer);
        var list = new NormalizedToken[buffer.Count];
        for (int i = 0; i < buffer.Count; i++)
        {
            var t = buffer.Tokens[i];
            list[i] = new NormalizedToken(buffer.Normalized(i).ToString(), t.Start, t.Length, t.Kind, t.Flags);
        }

        return list;
    }

    private static ChatTokenFlags TakeClause(ref bool clause)
    {
        if (!clause)
        {
            return ChatTokenFlags.None;
        }

        clause = false;
        return ChatTokenFlags.ClauseStart;
    }

    private static int ReadWord(ReadOnlySpan<char> text, int start, TokenBuffer buf, ChatLexicon lex, ref bool clause)
    {
        int n = text.Length;
        if (CharFolding.IsLetter(text[start]) && (start + 1 == n || !CharFolding.IsLetterOrDigit(text[start + 1])))
        {
            int joinedEnd = JoinedRunEnd(text, start);
            if (joinedEnd > 0)
            {
                EmitWord(text, start, joinedEnd, buf, lex, ref clause, lettersOnly: true);
                return joinedEnd;
            }
        }

        if (CharFolding.Classify(text[start]) == CharClass.Digit)
        {
            int d = start;
            while (d < n && char.IsAsciiDigit(text[d]))
            {
                d++;
            }

            if (d == n || !CharFolding.IsLetter(text[d]))
            {
                return ReadNumber(text, start, d, buf, ref clause);
            }

            int e = WordEnd(text, d);
            if (TryEmitAbbreviation(text, start, e, buf, lex, ref clause))
            {
                return e;
            }

            // "14yo", "3pm": a number and a word, not leetspeak.
            EmitDigits(text, start, d, ChatTokenKind.Number, buf, ref clause);
            EmitWord(text, d, e, buf, lex, ref clause, lettersOnly: false);
            return e;
        }

        int end = WordEnd(text, start);
        EmitWord(text, start, end, buf, lex, ref clause, lettersOnly: false);
        return end;
    }

    private static int WordEnd(ReadOnlySpan<char> text, int s)
    {
        int n = text.Length;
        int e = s;
        while (e < n)
        {
            char ch = text[e];
            var cls = CharFolding.Classify(ch);
            if (cls is CharClass.Letter or CharClass.Digit)
            {
                e++;
                continue;
            }

            bool inner = e > s && e + 1 < n && CharFolding.IsLetter(text[e + 1]) && CharFolding.IsLetterOrDigit(text[e - 1]);
            if ((cls == CharClass.Apostrophe || ch is '@' or '$') && inner)
            {
                e++;
                continue;
            }

            if (ch == '$' && e == s)
            {
                e++;
                continue;
            }

            break;
        }

        return e;
    }

    /// <summary>End of a run like <c>s.e.x</c>, <c>s-e-x</c> or <c>s e x</c> starting at a single letter, or -1.</summary>
    private static int JoinedRunEnd(ReadOnlySpan<char> text, int start)
    {
        int n = text.Length;
        if (start + 2 >= n)
        {
            return -1;
        }

        char sep = text[start + 1];
        if (sep is not ('.' or '-' or '_' or '*' or ' '))
        {
            return -1;
        }

        int count = 1;
        bool meaningful = !StandaloneLetters.Contains(CharFolding.Fold(text[start]), StringComparison.Ordinal);
        int j = start;
        while (j + 2 < n && text[j + 1] == sep && CharFolding.IsLetter(text[j + 2])
            && (j + 3 == n || (!CharFolding.IsLetterOrDigit(text[j + 3]) && CharFolding.Classify(text[j + 3]) != CharClass.Apostrophe)))
        {
            j += 2;
            count++;
            meaningful |= !StandaloneLetters.Contains(CharFolding.Fold(text[j]), StringComparison.Ordinal);
        }

        if (sep == ' ' ? count < 3 || !meaningful : count < 2)
        {
            return -1;
        }

        return j + 1;
    }

    private static int ReadNumber(ReadOnlySpan<char> text, int start, int firstEnd, TokenBuffer buf, ref bool clause)
    {
        int n = text.Length;
        Span<int> groups = stackalloc int[6];
        int count = 0;
        groups[count++] = firstEnd - start;
        int digits = firstEnd - start;
        bool dotted = false;
        int end = firstEnd;
        int k = firstEnd;
        while (k < n && count < groups.Length)
        {
            int m = k;
            int sep = 0;
            bool dot = false;
            while (m < n && sep < 2 && text[m] is ' ' or '-' or '.' or '(' or ')')
            {
                dot |= text[m] == '.';
                m++;
                sep++;
            }

            if (sep == 0 || m >= n || !char.IsAsciiDigit(text[m]))
            {
                break;
            }

            int q = m;
            while (q < n && char.IsAsciiDigit(text[q]))
            {
                q++;
            }

            groups[count++] = q - m;
            digits += q - m;
            dotted |= dot;
            end = q;
            k = q;
        }

        if (count > 1 && LooksLikePhone(groups[..count], digits, dotted) && (end == n || !CharFolding.IsLetter(text[end])))
        {
            EmitDigits(text, start, end, ChatTokenKind.Phone, buf, ref clause);
            return end;
        }

        EmitDigits(text, start, firstEnd, ChatTokenKind.Number, buf, ref clause);
        return firstEnd;
    }

    /// <summary>
    /// Separated digit groups that read as a phone number (555-201-3344, 612 34 56 78) rather than an IP address,
    /// a version, a date or a screen size: the shapes that made technical chat look like phone numbers.
    /// </summary>
    private static bool LooksLikePhone(ReadOnlySpan<int> groups, int digits, bool dotted)
    {
        if (digits is < 7 or > 15)
        {
            return false;
        }

        if (dotted)
        {
            return groups is [3, 3, 4];
        }

        return groups switch
        {
            [3, 4] => true,
            [>= 2 and <= 4, 3 or 4, 3 or 4] => true,
            [>= 1 and <= 3, 3, 3, 3 or 4] => true,
            [3, 2, 2, 2] => true,
            [>= 1 and <= 3, 3, 2, 2, 2] => true,
            _ => false,
        };
    }

    private static void EmitDigits(ReadOnlySpan<char> text, int s, int e, ChatTokenKind kind, TokenBuffer buf, ref bool clause)
    {
        var span = buf.Reserve(e - s);
        int len = 0;
        for (int i = s; i < e; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                span[len++] = text[i];
            }
        }

        buf.Add(new ChatToken(s, e - s, buf.NormLength, len, kind, TakeClause(ref clause)));
        buf.Commit(len);
    }

    private static bool TryEmitAbbreviation(ReadOnlySpan<char> text, int s, int e, TokenBuffer buf, ChatLexicon lex, ref bool clause)
    {
        Span<char> tmp = stackalloc char[32];
        if (e - s > tmp.Length)
        {
            return false;
        }

        int len = 0;
        for (int i = s; i < e; i++)
        {
            var cls = CharFolding.Classify(text[i]);
            if (cls == CharClass.Letter)
            {
                tmp[len++] = CharFolding.Fold(text[i]);
            }
            else if (cls == CharClass.Digit)
            {
                tmp[len++] = text[i];
            }
        }

        var words = lex.Expand(tmp[..len]);
        if (words is null)
        {
            return false;
        }

        EmitExpansion(s, e, words, ChatTokenFlags.None, buf, ref clause);
        return true;
    }

    private static void EmitExpansion(int s, int e, string[] words, ChatTokenFlags flags, TokenBuffer buf, ref bool clause)
    {
        foreach (string w in words)
        {
            w.AsSpan().CopyTo(buf.Reserve(w.Length));
            buf.Add(new ChatToken(s, e - s, buf.NormLength, w.Length, ChatTokenKind.Word, flags | ChatTokenFlags.Expanded | TakeClause(ref clause)));
            buf.Commit(w.Length);
        }
    }

    private static void EmitWord(ReadOnlySpan<char> text, int s, int e, TokenBuffer buf, ChatLexicon lex, ref bool clause, bool lettersOnly)
    {
        var span = buf.Reserve(e - s);
        int len = 0;
        int firstLetter = -1;
        int lastLetter = -1;
        bool hasDigit = false;
        var flags = lettersOnly ? ChatTokenFlags.Joined : ChatTokenFlags.None;
        for (int i = s; i < e; i++)
        {
            char ch = text[i];
            var cls = CharFolding.Classify(ch);
            if (cls == CharClass.Letter)
            {
                if (firstLetter < 0)
                {
                    firstLetter = len;
                }

                lastLetter = len;
                span[len++] = CharFolding.Fold(ch);
            }
            else if (lettersOnly)
            {
                continue;
            }
            else if (cls == CharClass.Digit)
            {
                hasDigit = true;
                span[len++] = ch;
            }
            else if (ch is '@' or '$')
            {
                span[len++] = CharFolding.Leet(ch);
                flags |= ChatTokenFlags.Leet;
            }
        }

        if (hasDigit)
        {
            var words = lex.Expand(span[..len]);
            if (words is not null)
            {
                EmitExpansion(s, e, words, flags, buf, ref clause);
                return;
            }

            // Only digits inside letters read as letters: "d0nt", "s3xy" — not "win7" or "mp3".
            for (int j = firstLetter + 1; j < lastLetter; j++)
            {
                char leet = CharFolding.Leet(span[j]);
                if (char.IsAsciiDigit(span[j]) && leet != '\0')
                {
                    span[j] = leet;
                    flags |= ChatTokenFlags.Leet;
                }
            }
        }

        int altLength = 0;
        if (HasRunOfThree(span[..len]))
        {
            flags |= ChatTokenFlags.Elongated;
            Span<char> tmp = len <= 256 ? stackalloc char[len] : new char[len];
            span[..len].CopyTo(tmp);
            altLength = Squeeze(tmp, 2);
            len = Squeeze(span[..len], 1);
            var more = buf.Reserve(len + altLength);
            tmp[..altLength].CopyTo(more[len..]);
            span = more;
        }

        var expansion = lex.Expand(span[..len]);
        if (expansion is not null)
        {
            EmitExpansion(s, e, expansion, flags, buf, ref clause);
            return;
        }

        int normStart = buf.NormLength;
        buf.Add(new ChatToken(s, e - s, normStart, len, ChatTokenKind.Word, flags | TakeClause(ref clause), altLength > 0 ? normStart + len : 0, altLength));
        buf.Commit(len + altLength);
    }

    private static bool HasRunOfThree(ReadOnlySpan<char> s)
    {
        for (int i = 2; i < s.Length; i++)
        {
            if (s[i] == s[i - 1] && s[i] == s[i - 2])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Squeezes runs of three or more equal characters down to <paramref name="keep"/>; returns the new length.</summary>
    private static int Squeeze(Span<char> s, int keep)
    {
        int w = 0;
        int i = 0;
        while (i < s.Length)
        {
            int j = i;
            while (j < s.Length && s[j] == s[i])
            {
                j++;
            }

            int run = j - i;
            int take = run >= 3 ? keep : run;
            for (int k = 0; k < take; k++)
            {
                s[w++] = s[i];
            }

            i = j;
        }

        return w;
    }

    private static int ReadEmoji(ReadOnlySpan<char> text, int i, TokenBuffer buf, ChatLexicon lex, ref bool clause)
    {
        int n = text.Length;
        int cp;
        int e;
        if (char.IsHighSurrogate(text[i]))
        {
            if (i + 1 >= n || !char.IsLowSurrogate(text[i + 1]))
            {
                return i + 1;
            }

            cp = char.ConvertToUtf32(text[i], text[i + 1]);
            e = i + 2;
        }
        else
        {
            cp = text[i];
            e = i + 1;
        }

        if (!IsEmoji(cp))
        {
            return e;
        }

        while (e < n)
        {
            char ch = text[e];
            if (ch is '\uFE0F' or '\uFE0E' or '\u20E3')
            {
                e++;
            }
            else if (ch == '\u200D' && e + 1 < n)
            {
                // A joiner glues the next emoji into this one (family, couple…): one token.
                e += char.IsHighSurrogate(text[e + 1]) && e + 2 < n ? 3 : 2;
            }
            else if (char.IsHighSurrogate(ch) && e + 1 < n && char.ConvertToUtf32(ch, text[e + 1]) is (>= 0x1F3FB and <= 0x1F3FF) or (>= 0x1F1E6 and <= 0x1F1FF))
            {
                e += 2;
            }
            else
            {
                break;
            }
        }

        string token = lex.EmojiToken(cp);
        token.AsSpan().CopyTo(buf.Reserve(token.Length));
        buf.Add(new ChatToken(i, e - i, buf.NormLength, token.Length, ChatTokenKind.Emoji, TakeClause(ref clause)));
        buf.Commit(token.Length);
        return e;
    }

    private static bool IsEmoji(int cp) =>
        cp is (>= 0x1F000 and <= 0x1FAFF) or (>= 0x2600 and <= 0x27BF) or 0x2B50 or 0x2B55;
}
