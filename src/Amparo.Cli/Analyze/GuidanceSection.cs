using System.Text.Json;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Reporting.Guidance;

namespace Amparo.Cli.Analyze;

/// <summary>
/// What to do now, for the level and tactics detection found: calm, ordered steps from hotline and police advice
/// (<see cref="GuidanceCatalog"/>). Shares the detector run through <see cref="AnalyzeContext.Shared"/> under
/// <c>detection.engine</c> and <c>detection.analysis:&lt;conversation id&gt;</c>, so a detection section can reuse it.
/// </summary>
internal sealed class GuidanceSection : IAnalyzeSection
{
    public string Key => "guidance";

    public ValueTask<IAnalyzeSectionResult?> AnalyzeAsync(Conversation conversation, AnalyzeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(context);
        if (!conversation.Messages.Any(m => m.AuthorId.Length > 0))
        {
            return ValueTask.FromResult<IAnalyzeSectionResult?>(null);
        }

        var key = "detection.analysis:" + conversation.Id;
        if (!context.Shared.TryGetValue(key, out var cached) || cached is not ConversationAnalysis analysis)
        {
            if (!context.Shared.TryGetValue("detection.engine", out var e) || e is not DetectionEngine engine)
            {
                engine = DetectionEngine.LoadDefault();
                context.Shared["detection.engine"] = engine;
            }

            analysis = engine.Analyze(conversation);
            context.Shared[key] = analysis;
        }

        var steps = GuidanceCatalog.For(analysis, context.Text.Language);
        return ValueTask.FromResult<IAnalyzeSectionResult?>(new Result(analysis.Level, steps));
    }

    private sealed record Result(RiskLevel Level, IReadOnlyList<GuidanceStep> Steps) : IAnalyzeSectionResult
    {
        public void WriteText(TextWriter writer, AnalyzeContext context)
        {
            bool es = context.Text.Language == "es";
            writer.WriteLine(es ? "  Qué hacer ahora:" : "  What to do now:");
            int n = 1;
            foreach (var step in Steps)
            {
                writer.WriteLine($"    {n++}. {step.Title}");
                writer.WriteLine($"       {step.Text}");
            }

            writer.WriteLine(es
                ? "  Dónde denunciar: amparo where-to-report · Denuncia para la policía: amparo report"
                : "  Where to report: amparo where-to-report · Report for the police: amparo report");
        }

        public void WriteJson(Utf8JsonWriter writer, AnalyzeContext context)
        {
            writer.WriteStartObject();
            writer.WriteString("level", Level.ToString().ToLowerInvariant());
            writer.WriteStartArray("steps");
            foreach (var step in Steps)
            {
                writer.WriteStartObject();
                writer.WriteString("id", step.Id);
                writer.WriteString("title", step.Title);
                writer.WriteString("text", step.Text);
                writer.WriteStartArray("links");
                foreach (var link in step.Links)
                {
                    writer.WriteStringValue(link);
                }

                writer.WriteEndArray();
                if (step.SeeAlso is { } seeAlso)
                {
                    writer.WriteString("seeAlso", seeAlso);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }
}
