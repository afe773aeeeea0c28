namespace Amparo.Cli.Analyze;

/// <summary>The sections of the analyze report, in the order they are printed. Add a line per new section.</summary>
internal static class AnalyzeSections
{
    public static IReadOnlyList<IAnalyzeSection> All { get; } =
    [
        new OverviewSection(),
        new ImportNotesSection(),
        new DetectionSection(),
        new GuidanceSection(),
    ];
}
