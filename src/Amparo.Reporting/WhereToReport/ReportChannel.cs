namespace Amparo.Reporting.WhereToReport;

/// <summary>One place a family can report to.</summary>
/// <param name="Id">Stable id (<c>co-te-protejo</c>).</param>
/// <param name="Name">The service's own name.</param>
/// <param name="Kind"><c>hotline</c>, <c>police</c>, <c>prosecutor</c> or <c>child-protection</c>.</param>
/// <param name="Url">Where to report online, or null when we found no confirmed address.</param>
/// <param name="Phone">A phone line, or null when no source we read confirmed one (never guessed).</param>
/// <param name="AcceptsEn">What it takes, in English.</param>
/// <param name="AcceptsEs">What it takes, in Spanish.</param>
/// <param name="Anonymous">Whether anonymous reports are accepted; null when no source said.</param>
/// <param name="Source">Where the facts were checked.</param>
/// <param name="Checked">When they were checked (ISO date).</param>
/// <param name="InPerson">True when complaints are also taken in person (any police station or prosecutor's office).</param>
public sealed record ReportChannel(
    string Id,
    string Name,
    string Kind,
    string? Url,
    string? Phone,
    string AcceptsEn,
    string AcceptsEs,
    bool? Anonymous,
    string Source,
    string Checked,
    bool InPerson = false)
{
    public string Accepts(string? language) => Languages.Normalize(language) == Languages.Spanish ? AcceptsEs : AcceptsEn;
}

/// <summary>A country and its channels, most specialised first.</summary>
/// <param name="Code">ISO 3166-1 alpha-2, or <c>INT</c> for the international fallback.</param>
/// <param name="NameEn">The country's name in English.</param>
/// <param name="NameEs">The country's name in Spanish.</param>
/// <param name="Emergency">The national emergency number, when known.</param>
/// <param name="Channels">Where to report, most specialised first.</param>
public sealed record CountryChannels(string Code, string NameEn, string NameEs, string? Emergency, IReadOnlyList<ReportChannel> Channels)
{
    public string Name(string? language) => Languages.Normalize(language) == Languages.Spanish ? NameEs : NameEn;
}
