using Amparo.Reporting.Complaint;
using Amparo.Testing;

namespace Amparo.Reporting.Tests.Complaint;

/// <summary>The bundled sample cases under samples/report-case/.</summary>
internal static class Samples
{
    /// <summary>A fixed clock so report text is reproducible.</summary>
    public static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2025, 2, 7, 10, 0, 0, TimeSpan.Zero));

    public static string Path(string lang) => RepoPaths.InRepo("samples", "report-case", $"case-{lang}.json");

    public static async Task<CaseFileContent> LoadAsync(string lang)
    {
        var result = await CaseFile.LoadAsync(Path(lang), CancellationToken.None);
        result.Error.ShouldBeNull();
        return result.Content!;
    }

    public static async Task<ComplaintReportModel> ModelAsync(string lang)
    {
        var content = await LoadAsync(lang);
        return ComplaintReportBuilder.Build(content.Input, Clock);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
