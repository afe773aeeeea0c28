using System.Globalization;

namespace Amparo.Reporting.WhereToReport;

/// <summary>The answer to "where do I report this?" for one country.</summary>
/// <param name="Country">The country whose channels these are (the fallback when <paramref name="IsFallback"/>).</param>
/// <param name="IsFallback">True when the requested country is not in the directory and the international entry was used.</param>
/// <param name="Requested">The country code asked for (after normalisation), or null when none could be guessed.</param>
public sealed record DirectoryAnswer(CountryChannels Country, bool IsFallback, string? Requested);

/// <summary>
/// Reporting channels by country (US, GB, CA, CO, CL, ES, MX, AR, PE, and INHOPE as the international fallback),
/// each with its source and the date it was checked. The data file is <c>Resources/directory/channels.json</c>.
/// </summary>
public static class ReportingDirectory
{
    /// <summary>The code of the international fallback entry.</summary>
    public const string Fallback = "INT";

    private static readonly Lazy<DirectoryFile> Data = new(() => EmbeddedResources.ReadJson<DirectoryFile>("directory/channels.json"));

    /// <summary>Every country entry, the fallback last.</summary>
    public static IReadOnlyList<CountryChannels> Countries => Data.Value.Countries;

    /// <summary>
    /// The channels for a country code (<c>CO</c>, <c>co</c>; <c>UK</c> is accepted for <c>GB</c>); the international
    /// fallback when the code is unknown or null.
    /// </summary>
    public static DirectoryAnswer Find(string? countryCode)
    {
        var code = NormalizeCountry(countryCode);
        var match = code is null ? null : Countries.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));
        return match is not null
            ? new DirectoryAnswer(match, false, code)
            : new DirectoryAnswer(Countries.First(c => string.Equals(c.Code, Fallback, StringComparison.Ordinal)), true, code);
    }

    /// <summary>Upper-cases a code and maps the common <c>UK</c> to <c>GB</c>; null for blank input.</summary>
    public static string? NormalizeCountry(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var upper = code.Trim().ToUpperInvariant();
        return upper == "UK" ? "GB" : upper;
    }

    /// <summary>
    /// Guesses the country from POSIX locale variables (<c>LC_ALL</c>, <c>LC_MESSAGES</c>, <c>LANG</c>, e.g.
    /// <c>es_CO.UTF-8</c>) and then the culture's region; null when neither names a country.
    /// </summary>
    public static string? GuessCountry(Func<string, string?> environment, CultureInfo? culture)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var variable in new[] { "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            if (RegionFromLocale(environment(variable)) is { } region)
            {
                return region;
            }
        }

        if (culture is not null && !string.IsNullOrEmpty(culture.Name))
        {
            try
            {
                return new RegionInfo(culture.Name).TwoLetterISORegionName.ToUpperInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The language a POSIX locale or culture name asks for (<c>es_CO.UTF-8</c> → <c>es</c>), or null.</summary>
    public static string? LanguageFromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale is "C" or "POSIX" || locale.StartsWith("C.", StringComparison.Ordinal))
        {
            return null;
        }

        return Languages.Normalize(locale);
    }

    /// <summary>The region part of a locale such as <c>es_CO.UTF-8</c> or <c>en-GB</c>, or null.</summary>
    public static string? RegionFromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var head = locale.Split('.', '@')[0];
        var parts = head.Split('_', '-');
        if (parts.Length < 2)
        {
            return null;
        }

        var region = parts[^1];
        return region.Length == 2 && region.All(char.IsAsciiLetter) ? region.ToUpperInvariant() : null;
    }

    private sealed record DirectoryFile(string Fallback, IReadOnlyList<CountryChannels> Countries);
}
