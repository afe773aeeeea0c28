using System.Globalization;
using System.Text;

namespace Amparo.Detection.Normalization;

/// <summary>
/// Folds chat text to a canonical form for matching and features: lower case (invariant), accents removed
/// so Spanish with and without accents matches alike.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Returns the folded text.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
