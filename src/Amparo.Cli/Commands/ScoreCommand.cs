using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Amparo.Core.Interchange;
using Amparo.Detection;
using Amparo.Detection.Model;

namespace Amparo.Cli.Commands;

/// <summary>
/// <c>amparo score --input X.jsonl --output Y.jsonl</c>: the batch interface for platforms and evaluation. One
/// output line per conversation: <c>{"id","risk","alert","level","suspect","firstAlert","indicators":[{"id","message","evidence"}]}</c>
/// (documented in docs/detection.md; fields are only ever added).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input", "-i") { Description = "Interchange JSONL file, or - for standard input", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the scores (JSONL), or - for standard output", DefaultValueFactory = _ => "-" };
        var model = new Option<FileInfo?>("--model") { Description = "A model file other than the shipped one" };
        var command = new Command("score", "Score conversations for grooming risk (JSONL in, one JSON line per conversation out)")
        {
            input, output, model,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var engine = CreateEngine(parseResult.GetValue(model));
            string inPath = parseResult.GetValue(input)!;
            string outPath = parseResult.GetValue(output)!;
            using var reader = OpenInput(inPath);
            await using var outStream = outPath == "-" ? Console.OpenStandardOutput() : OpenOutput(outPath);
            var summary = await ScoreAsync(engine, reader, inPath == "-" ? "stdin" : inPath, outStream, Console.Error, ct);
            return summary.Scored == 0 && summary.Bad > 0 ? Cli.UnusableInput : Cli.Ok;
        });
        return command;
    }

    internal readonly record struct Summary(long Scored, long Bad, long Messages);

    internal static DetectionEngine CreateEngine(FileInfo? modelFile)
    {
        if (modelFile is null)
        {
            return DetectionEngine.LoadDefault();
        }

        if (!modelFile.Exists)
        {
            throw new UsageException($"{modelFile.FullName}: model file not found");
        }

        try
        {
            return new DetectionEngine(GroomingModel.Load(modelFile.FullName), DetectionEngine.LoadDefaultIndicators());
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"{modelFile.FullName}: {ex.Message}");
        }
    }

    internal static TextReader OpenInput(string path)
    {
        if (path == "-")
        {
            return new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: file not found");
        }

        return new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
    }

    private static FileStream OpenOutput(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot write ({ex.Message})");
        }
    }

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static async Task<Summary> ScoreAsync(DetectionEngine engine, TextReader reader, string fileName, Stream output, TextWriter diagnostics, CancellationToken ct)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        long scored = 0, bad = 0, messages = 0;
        await foreach (var record in InterchangeJsonl.ReadAsync(reader, fileName, cancellationToken: ct))
        {
            if (record.Conversation is not { } conversation)
            {
                bad++;
                await diagnostics.WriteLineAsync(record.Diagnostic?.ToString() ?? $"Error: {fileName}:{record.Line}: unreadable line");
                continue;
            }

            foreach (var d in conversation.Diagnostics)
            {
                await diagnostics.WriteLineAsync(d.ToString());
            }

            var analysis = engine.Analyze(conversation);
            messages += conversation.Messages.Count;
            WriteLine(buffer, analysis);
            scored++;
            if (buffer.WrittenCount > (1 << 15))
            {
                await output.WriteAsync(buffer.WrittenMemory, ct);
                buffer.ResetWrittenCount();
            }
        }

        await output.WriteAsync(buffer.WrittenMemory, ct);
        await output.FlushAsync(ct);
        return new Summary(scored, bad, messages);
    }

    /// <summary>Writes one score line (with newline): the public contract.</summary>
    internal static void WriteLine(System.Buffers.IBufferWriter<byte> buffer, ConversationAnalysis a)
    {
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
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

        buffer.Write("\n"u8);
    }

    internal static string LevelName(RiskLevel level) => level switch
    {
        RiskLevel.None => "none",
        RiskLevel.Low => "low",
        RiskLevel.Medium => "medium",
        RiskLevel.High => "high",
        RiskLevel.Critical => "critical",
    };
}
