using System.CommandLine;
using Amparo.Cli.Analyze;
using Amparo.Cli.Input;
using Amparo.Core.Interchange;

namespace Amparo.Cli.Commands;

/// <summary>
/// <c>amparo convert &lt;file|folder&gt;... --to jsonl [--out F]</c>: writes the interchange format from any input,
/// one conversation per line as it is read. Notes about the inputs go to stderr. With <c>--out</c> the file
/// appears only when the conversion finished (written beside it first, then moved).
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Chat exports (files or folders) to convert",
            Arity = ArgumentArity.OneOrMore,
        };
        var to = new Option<string>("--to") { Description = "Output format (jsonl)", Required = true };
        to.AcceptOnlyFromAmong("jsonl");
        var outFile = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var command = new Command("convert", "Convert chat exports to the interchange JSONL format (one conversation per line)")
        {
            paths,
            to,
            outFile,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(paths),
            parseResult.GetValue(outFile),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(IReadOnlyList<string> paths, string? outFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var text = AnalyzeText.English;
        var run = new ImportRun(paths);
        foreach (string missing in run.MissingPaths())
        {
            await error.WriteLineAsync($"amparo: {missing}: {text.MissingPath}").ConfigureAwait(false);
            return Cli.UnusableInput;
        }

        string? temp = outFile is null ? null : outFile + ".partial";
        Stream? stream = temp is not null ? new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true)
            : ReferenceEquals(output, Console.Out) ? Console.OpenStandardOutput()
            : null;
        try
        {
            await foreach (var item in run.ReadAsync(error, cancellationToken).ConfigureAwait(false))
            {
                if (item.Diagnostic is { } d)
                {
                    await error.WriteLineAsync($"amparo: {ImportNotesSection.Format(d, text)}").ConfigureAwait(false);
                }

                if (item.Conversation is not { } c)
                {
                    continue;
                }

                foreach (var note in c.Diagnostics)
                {
                    await error.WriteLineAsync($"amparo: {ImportNotesSection.Format(note, text)}").ConfigureAwait(false);
                }

                if (stream is not null)
                {
                    await InterchangeJsonl.WriteAsync(stream, c, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteAsync(InterchangeJsonl.ToJson(c) + "\n").ConfigureAwait(false);
                }
            }

            if (stream is not null)
            {
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (run.Unusable() is { } unusable)
        {
            if (temp is not null)
            {
                File.Delete(temp);
            }

            await error.WriteLineAsync($"amparo: {text.Unusable}: {ImportNotesSection.Format(unusable, text)}").ConfigureAwait(false);
            return Cli.UnusableInput;
        }

        if (temp is not null)
        {
            File.Move(temp, outFile!, overwrite: true);
        }

        return Cli.Ok;
    }
}
