using System.Globalization;
using System.Text;

namespace Amparo.Detection.Normalization;

/// <summary>What a character is to the chat tokenizer.</summary>
internal enum CharClass : byte
{
    Other,
    Letter,
    Digit,
    Space,
    /// <summary>Ends a clause: negation does not reach across it.</summary>
    ClauseBreak,
    /// <summary>Apostrophes, joined into words (<c>don't</c> → <c>dont</c>).</summary>
    Apostrophe,
}

/// <summary>
/// Per-character folding: lower case (invariant) and accents removed, from a table for the Latin ranges so the hot
/// path never calls <see cref="string.Normalize()"/>.
/// </summary>
internal static class CharFolding
{
    private const int TableSize = 0x250;
    private static readonly char[] Folded = new char[TableSize];
    private static readonly CharClass[] Classes = new CharClass[TableSize];

#pragma warning disable CA1810 // The tables are filled in one pass; a static constructor is the clearest way.
    static CharFolding()
#pragma warning restore CA1810
    {
        for (int c = 0; c < TableSize; c++)
        {
            char ch = (char)c;
            CharClass cls;
            if (char.IsLetter(ch))
            {
                cls = CharClass.Letter;
            }
            else if (ch is >= '0' and <= '9')
            {
                cls = CharClass.Digit;
            }
            else if (ch is '.' or '!' or '?' or ';' or ',' or ':' or '\n' or '\r' or '¿' or '¡' or '(' or ')' or '"')
            {
                cls = CharClass.ClauseBreak;
            }
            else if (char.IsWhiteSpace(ch))
            {
                cls = CharClass.Space;
            }
            else if (ch is '\'' or '`' or '´')
            {
                cls = CharClass.Apostrophe;
            }
            else
            {
                cls = CharClass.Other;
            }

            Classes[c] = cls;
            Folded[c] = cls == CharClass.Letter ? FoldSlow(ch) : ch;
        }
    }

    public static CharClass Classify(char c)
    {
        if (c < TableSize)
        {
            return Classes[c];
        }

        if (c is '\u2019' or '\u2018' or '\u02BC')
        {
            return CharClass.Apostrophe;
        }

        if (c is '\u2026' or '\u3002' or '\uFF01' or '\uFF1F' or '\u201C' or '\u201D')
        {
            return CharClass.ClauseBreak;
        }

        if (char.IsSurrogate(c))
        {
            return CharClass.Other;
        }

        if (char.IsLetter(c))
        {
            return CharClass.Letter;
        }

        return char.IsWhiteSpace(c) ? CharClass.Space : CharClass.Other;
    }

    /// <summary>Lower case without accents; only meaningful for letters.</summary>
    public static char Fold(char c) => c < TableSize ? Folded[c] : char.ToLowerInvariant(c);

    public static bool IsLetter(char c) => Classify(c) == CharClass.Letter;

    public static bool IsLetterOrDigit(char c)
    {
        var cls = Classify(c);
        return cls is CharClass.Letter or CharClass.Digit;
    }

    private static char FoldSlow(char c)
    {
        string decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (char d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                return char.ToLowerInvariant(d);
            }
        }

        return char.ToLowerInvariant(c);
    }

    /// <summary>Leetspeak digit → letter, or '\0' when the digit is not used as a letter.</summary>
    public static char Leet(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => '\0',
    };
}
