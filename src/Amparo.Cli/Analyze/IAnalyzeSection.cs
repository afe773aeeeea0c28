using System.Text.Json;
using Amparo.Core;

namespace Amparo.Cli.Analyze;

/// <summary>
/// One part of the <c>amparo analyze</c> report for a conversation. Detection (risk, suspect, timeline,
/// indicators) and guidance (steps) join as new section files listed in <see cref="AnalyzeSections"/>; the
/// command itself does not change.
/// </summary>
internal interface IAnalyzeSection
{
    /// <summary>The property this section writes in each conversation object of the JSON document (stable).</summary>
    string Key { get; }

    /// <summary>Works out the section for one conversation (may be slow: detection). Null leaves the section out.</summary>
    ValueTask<IAnalyzeSectionResult?> AnalyzeAsync(Conversation conversation, AnalyzeContext context, CancellationToken cancellationToken);
}

/// <summary>What a section found for one conversation, rendered as text and as JSON from the same data.</summary>
internal interface IAnalyzeSectionResult
{
    /// <summary>Writes readable lines (indented by two spaces) in the context's language.</summary>
    void WriteText(TextWriter writer, AnalyzeContext context);

    /// <summary>Writes the value of the section's <see cref="IAnalyzeSection.Key"/> property.</summary>
    void WriteJson(Utf8JsonWriter writer, AnalyzeContext context);
}

/// <summary>What every section may use: the language, and the run's shared state.</summary>
internal sealed class AnalyzeContext
{
    public required AnalyzeText Text { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Somewhere for sections to share expensive work (a detector run) keyed by their own names.</summary>
    public Dictionary<string, object> Shared { get; } = new(StringComparer.Ordinal);
}
