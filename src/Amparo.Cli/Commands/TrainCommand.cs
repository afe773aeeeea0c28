using System.CommandLine;
using System.Security.Cryptography;
using Amparo.Detection;
using Amparo.Detection.Model;
using Amparo.Detection.Training;

namespace Amparo.Cli.Commands;

/// <summary><c>amparo train --data ../shared/data --out models/amparo-grooming.bin</c>: reproduces the shipped model.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The shared data folder (perverted-justice/, irc-ubuntu/, vtpan/)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model file", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (the shipped model uses the default)", DefaultValueFactory = _ => new TrainingOptions().Seed };
        var report = new Option<FileInfo?>("--report") { Description = "Also write the held-out report (Markdown) to this file" };
        var subsample = new Option<int>("--subsample") { Description = "Use every n-th offender/log only (quick runs)", DefaultValueFactory = _ => 1 };
        var command = new Command("train", "Train the grooming model from the shared data, deterministically, and print the held-out figures")
        {
            data, output, seed, report, subsample,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var dataDir = parseResult.GetValue(data)!;
            if (!dataDir.Exists)
            {
                throw new UsageException($"{dataDir.FullName}: data folder not found");
            }

            var options = new TrainingOptions { Seed = parseResult.GetValue(seed), Subsample = Math.Max(1, parseResult.GetValue(subsample)) };
            var corpus = TrainingCorpus.Load(dataDir.FullName, options.Seed);
            foreach (var w in corpus.Warnings)
            {
                await Console.Error.WriteLineAsync("warning: " + w);
            }

            ct.ThrowIfCancellationRequested();
            var result = ModelTrainer.Train(corpus, DetectionEngine.LoadDefaultIndicators(), options, Console.Error);
            var outFile = parseResult.GetValue(output)!;
            outFile.Directory?.Create();
            await using (var f = File.Create(outFile.FullName))
            {
                result.Model.Save(f);
            }

            byte[] hash;
            await using (var f = File.OpenRead(outFile.FullName))
            {
                hash = await SHA256.HashDataAsync(f, ct);
            }

            Console.WriteLine(result.Report);
            Console.WriteLine($"model written to {outFile.FullName} (sha256 {Convert.ToHexStringLower(hash)})");
            if (parseResult.GetValue(report) is { } rep)
            {
                await File.WriteAllTextAsync(rep.FullName, result.Report, ct);
            }

            return Cli.Ok;
        });
        return command;
    }
}
