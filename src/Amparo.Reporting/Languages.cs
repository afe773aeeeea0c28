namespace Amparo.Reporting;

/// <summary>The languages reports and guidance are written in.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";

    /// <summary>Every supported language code.</summary>
    public static IReadOnlyList<string> All { get; } = [English, Spanish];

    /// <summary>
    /// Maps a language code or culture name (<c>es</c>, <c>es-CO</c>, <c>ES</c>, <c>es_CL.UTF-8</c>) to a supported
    /// language; anything else, or nothing, gives English.
    /// </summary>
    public static string Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return English;
        }

        var head = language.Trim();
        return head.StartsWith(Spanish, StringComparison.OrdinalIgnoreCase) ? Spanish : English;
    }

    /// <summary>True for a code <see cref="Normalize"/> maps to itself (after trimming and case folding).</summary>
    public static bool IsSupported(string? language) =>
        language is not null && (string.Equals(language.Trim(), English, StringComparison.OrdinalIgnoreCase)
            || string.Equals(language.Trim(), Spanish, StringComparison.OrdinalIgnoreCase));
}
