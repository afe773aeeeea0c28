using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Amparo.Detection.Model;

/// <summary>
/// Turns one message into hashed feature indices without allocating: word unigrams and bigrams (with a
/// start-of-message marker) and character 4-grams of longer words, over text folded to lower case with accents
/// removed, letter runs longer than two squeezed (<c>pleeease</c> → <c>pleease</c>), apostrophes dropped and
/// every emoji or symbol a token of its own. Hashes are fixed by this code, so a model file stays valid across
/// runtimes.
/// </summary>
public static class TextFeaturizer
{
    /// <summary>Features beyond this many in one message are ignored (a pasted essay is not more evidence).</summary>
    public const int MaxFeatures = 256;

    private const char Skip = '\u0001';
    private const char Symbol = '\u0002';

    // Folded form of every UTF-16 code unit: a lower-case letter or digit, 0 for a separator, Skip for
    // apostrophes, Symbol for emoji halves and symbols.
    private static readonly char[] Fold = BuildFold();

    /// <summary>
    /// Writes feature indices (already reduced to <c>0..buckets-1</c>; <paramref name="bucketMask"/> = buckets − 1)
    /// into <paramref name="features"/> and returns how many; <paramref name="question"/> tells whether the
    /// message asks something.
    /// </summary>
    public static int Extract(ReadOnlySpan<char> text, Span<int> features, int bucketMask, out bool question)
    {
        question = false;
        int count = 0;
        int limit = Math.Min(features.Length, MaxFeatures);
        uint prev = 0x2545F491u; // start-of-message marker, so first words get their own bigram
        uint h = 2166136261u;
        int len = 0;
        char last = '\0';
        int run = 0;
        // Last four folded chars of the current word, for character 4-grams.
        ulong window = 0;
        for (int i = 0; i <= text.Length && count < limit - 3; i++)
        {
            char f;
            if (i == text.Length)
            {
                f = '\0';
            }
            else
            {
                char c = text[i];
                if (c == '?' || c == '¿')
                {
                    question = true;
                }

                f = Fold[c];
            }

            if (f == Skip)
            {
                continue;
            }

            if (f == Symbol)
            {
                // Close the open word, then emit the symbol itself as a one-character token.
                if (len > 0)
                {
                    Emit(ref count, features, bucketMask, ref prev, h, len);
                    len = 0;
                    h = 2166136261u;
                }

                uint sh = (2166136261u ^ text[i]) * 16777619u;
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sh = (sh ^ text[i + 1]) * 16777619u;
                    i++;
                }

                Emit(ref count, features, bucketMask, ref prev, sh, 1);
                last = '\0';
                run = 0;
                window = 0;
                continue;
            }

            if (f == '\0')
            {
                if (len > 0)
                {
                    Emit(ref count, features, bucketMask, ref prev, h, len);
                    len = 0;
                    h = 2166136261u;
                }

                last = '\0';
                run = 0;
                window = 0;
                continue;
            }

            if (f == last)
            {
                if (++run > 2)
                {
                    continue;
                }
            }
            else
            {
                last = f;
                run = 1;
            }

            h = (h ^ f) * 16777619u;
            len++;
            window = (window << 16) | f;
            if (len >= 4)
            {
                features[count++] = Index((uint)(window ^ (window >> 32)) * 0x9E3779B1u, 0xC4A1u, bucketMask);
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit(ref int count, Span<int> features, int mask, ref uint prev, uint h, int len)
    {
        features[count++] = Index(h, 0x1u, mask);
        features[count++] = Index((prev * 0x85EBCA6Bu) ^ h, 0x2u, mask);
        prev = h;
        _ = len;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(uint h, uint kind, int mask)
    {
        uint x = h ^ (kind * 0x27D4EB2Fu);
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        x ^= x >> 16;
        return (int)(x & (uint)mask);
    }

    private static char[] BuildFold()
    {
        var fold = new char[65536];
        for (int i = 0; i < 65536; i++)
        {
            char c = (char)i;
            if (c is '\'' or '\u2019' or '`')
            {
                fold[i] = Skip;
            }
            else if (char.IsSurrogate(c))
            {
                fold[i] = Symbol;
            }
            else if (char.IsLetterOrDigit(c))
            {
                string d = c.ToString().Normalize(NormalizationForm.FormD);
                char b = d.Length > 0 && char.IsLetterOrDigit(d[0]) ? d[0] : c;
                char lower = char.ToLowerInvariant(b);
                fold[i] = lower < 3 ? '\0' : lower;
            }
            else
            {
                var cat = CharUnicodeInfo.GetUnicodeCategory(c);
                fold[i] = cat is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol && c > 127 ? Symbol : '\0';
            }
        }

        return fold;
    }
}
