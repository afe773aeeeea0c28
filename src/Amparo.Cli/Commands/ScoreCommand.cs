using System.CommandLine;
using System.Text;
using Amparo.Detection;
using Amparo.Detection.Model;
using Amparo.Detection.Scoring;

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
            var summary = await ScoreJsonl.ScoreAsync(engine, reader, inPath == "-" ? "stdin" : inPath, outStream, Console.Error, ct);
            return summary.Scored == 0 && summary.Bad > 0 ? Cli.UnusableInput : Cli.Ok;
        });
        return command;
    }

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
}
