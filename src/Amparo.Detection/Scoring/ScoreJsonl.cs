using System.Buffers;
using System.Text.Json;
using Amparo.Core.Interchange;

namespace Amparo.Detection.Scoring;

/// <summary>How many conversations were scored, how many lines were unusable, how many messages were read.</summary>
public readonly record struct ScoreSummary(long Scored, long Bad, long Messages);

/// <summary>
/// The <c>amparo score</c> pipeline and its public output line:
/// <c>{"id","risk","alert","level","suspect","firstAlert","indicators":[{"id","message","evidence"}]}</c>
/// (see docs/detection.md; fields are only ever added). Lives here so hosts and benchmarks share it.
/// </summary>
public static class ScoreJsonl
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Scores every conversation of an interchange JSONL stream; bad lines go to <paramref name="diagnostics"/> with file:line.</summary>
    public static async Task<ScoreSummary> ScoreAsync(DetectionEngine engine, TextReader reader, string fileName, Stream output, TextWriter diagnostics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        long scored = 0, bad = 0, messages = 0;
        await foreach (var record in InterchangeJsonl.ReadAsync(reader, fileName, cancellationToken: ct).ConfigureAwait(false))
        {
            if (record.Conversation is not { } conversation)
            {
                bad++;
                await diagnostics.WriteLineAsync(record.Diagnostic?.ToString() ?? $"Error: {fileName}:{record.Line}: unreadable line").ConfigureAwait(false);
                continue;
            }

            foreach (var d in conversation.Diagnostics)
            {
                await diagnostics.WriteLineAsync(d.ToString()).ConfigureAwait(false);
            }

            var analysis = engine.Analyze(conversation);
            messages += conversation.Messages.Count;
            WriteLine(buffer, analysis);
            scored++;
            if (buffer.WrittenCount > (1 << 15))
            {
                await output.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        await output.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
        return new ScoreSummary(scored, bad, messages);
    }

    /// <summary>Writes one score line (with newline): the public contract.</summary>
    public static void WriteLine(IBufferWriter<byte> buffer, ConversationAnalysis a)
    {
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(w, a);
        }

        buffer.Write("\n"u8);
    }

    /// <summary>Writes the score object of the public contract (fields in contract order) to any JSON writer.</summary>
    public static void Write(Utf8JsonWriter w, ConversationAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        w.WriteStartObject();
        w.WriteString("id", a.ConversationId);
        w.WriteNumber("risk", Math.Round(a.Risk, 4));
        w.WriteBoolean("alert", a.Alert);
        w.WriteString("level", LevelName(a.Level));
        if (a.Suspect is null)
        {
            w.WriteNull("suspect");
        }
        else
        {
            w.WriteString("suspect", a.Suspect);
        }

        if (a.FirstAlert is { } fa)
        {
            w.WriteNumber("firstAlert", fa);
        }
        else
        {
            w.WriteNull("firstAlert");
        }

        w.WriteStartArray("indicators");
        foreach (var h in a.Indicators)
        {
            w.WriteStartObject();
            w.WriteString("id", h.IndicatorId);
            w.WriteNumber("message", h.MessageIndex);
            w.WriteString("evidence", h.Evidence);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The level as the score line spells it.</summary>
    public static string LevelName(RiskLevel level) => level switch
    {
        RiskLevel.None => "none",
        RiskLevel.Low => "low",
        RiskLevel.Medium => "medium",
        RiskLevel.High => "high",
        RiskLevel.Critical => "critical",
    };
}
