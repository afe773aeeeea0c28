using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Amparo.Cli.Analyze;
using Amparo.Cli.Input;
using Amparo.Core;

namespace Amparo.Cli.Commands;

/// <summary>
/// <c>amparo analyze &lt;file|folder&gt;... [--json] [--lang en|es]</c>: a readable report per conversation
/// (source app, participants, message counts, date range, import notes), built from the sections in
/// <see cref="AnalyzeSections"/>. Exit 0 when done, 2 when an input cannot be used (the message names the file
/// and line), 1 on an internal error.
/// </summary>
internal static class AnalyzeCommand
{
    /// <summary>The JSON document's schema name; bump only for breaking changes (fields are only ever added).</summary>
    public const string Schema = "amparo.analyze/1";

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Chat exports (files or folders) to read; several may be given",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Write one JSON document instead of the readable report" };
        var lang = new Option<string>("--lang") { Description = "Language of the report: en or es", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "es");
        var command = new Command("analyze", "Read chat exports and report, per conversation, who is in it, how many messages and when, and what the import noticed")
        {
            paths,
            json,
            lang,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(paths),
            parseResult.GetValue(json),
            AnalyzeText.For(parseResult.GetValue(lang)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(
        IReadOnlyList<string> paths,
        bool json,
        AnalyzeText text,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var run = new ImportRun(paths);
        foreach (string missing in run.MissingPaths())
        {
            await error.WriteLineAsync($"amparo: {missing}: {text.MissingPath}").ConfigureAwait(false);
            return Cli.UnusableInput;
        }

        var context = new AnalyzeContext { Text = text };
        var sections = AnalyzeSections.All;
        int conversations = 0;
        long messages = 0;
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, JsonOptions);
        if (json)
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("language", text.Language);
            writer.WriteStartArray("inputs");
            foreach (string p in paths)
            {
                writer.WriteStringValue(p);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("conversations");
        }

        await foreach (var item in run.ReadAsync(error, cancellationToken).ConfigureAwait(false))
        {
            if (item.Conversation is not { } c)
            {
                continue;
            }

            conversations++;
            messages += c.Messages.Count;
            var results = new List<(IAnalyzeSection Section, IAnalyzeSectionResult Result)>();
            foreach (var section in sections)
            {
                if (await section.AnalyzeAsync(c, context, cancellationToken).ConfigureAwait(false) is { } r)
                {
                    results.Add((section, r));
                }
            }

            if (json)
            {
                writer.WriteStartObject();
                writer.WriteString("id", c.Id);
                writer.WriteString("source", c.Source.ToString().ToLowerInvariant());
                WriteNullable(writer, "title", c.Title);
                WriteNullable(writer, "file", c.SourceFile);
                foreach (var (section, result) in results)
                {
                    writer.WritePropertyName(section.Key);
                    result.WriteJson(writer, context);
                }

                writer.WriteEndObject();
                await FlushAsync(writer, buffer, output, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var sb = new StringWriter(text.Culture);
                sb.WriteLine(text.ConversationHeading(conversations, c.Id));
                foreach (var (_, result) in results)
                {
                    result.WriteText(sb, context);
                }

                sb.WriteLine();
                await output.WriteAsync(sb.ToString()).ConfigureAwait(false);
            }
        }

        var notes = run.InputDiagnostics;
        var all = notes.ToList();
        int errors = all.Count(d => d.Severity == DiagnosticSeverity.Error);
        int warnings = all.Count(d => d.Severity == DiagnosticSeverity.Warning);
        if (json)
        {
            writer.WriteEndArray();
            writer.WriteStartArray("inputNotes");
            foreach (var d in notes)
            {
                ImportNotesSection.WriteJson(writer, d);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("summary");
            writer.WriteNumber("inputs", paths.Count);
            writer.WriteNumber("conversations", conversations);
            writer.WriteNumber("messages", messages);
            writer.WriteNumber("inputErrors", errors);
            writer.WriteNumber("inputWarnings", warnings);
            writer.WriteEndObject();
            writer.WriteEndObject();
            await FlushAsync(writer, buffer, output, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
        }
        else
        {
            if (notes.Count > 0)
            {
                await output.WriteLineAsync($"{text.InputNotes}:").ConfigureAwait(false);
                foreach (var d in notes)
                {
                    await output.WriteLineAsync($"  - {ImportNotesSection.Format(d, text)}").ConfigureAwait(false);
                }

                await output.WriteLineAsync().ConfigureAwait(false);
            }

            await output.WriteLineAsync(conversations == 0 ? text.NoConversations : text.Summary(conversations, (int)Math.Min(messages, int.MaxValue), paths.Count)).ConfigureAwait(false);
            if (errors + warnings > 0)
            {
                await output.WriteLineAsync(text.Problems(errors, warnings)).ConfigureAwait(false);
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (run.Unusable() is { } unusable)
        {
            await error.WriteLineAsync($"amparo: {text.Unusable}: {ImportNotesSection.Format(unusable, text)}").ConfigureAwait(false);
            return Cli.UnusableInput;
        }

        return Cli.Ok;
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static async Task FlushAsync(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, TextWriter output, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
        buffer.Clear();
    }
}
