using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Amparo.Bench -- --filter *Name*` runs BenchmarkDotNet suites.
// Throughput benches over generated GB-sized files are plain commands: `-- throughput <name>` (see README.md).
if (args.Length > 0 && string.Equals(args[0], "throughput", StringComparison.Ordinal))
{
    return await Amparo.Bench.Throughput.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
