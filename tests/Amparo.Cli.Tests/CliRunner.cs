using System.CommandLine;
using Amparo.Cli.Commands;

namespace Amparo.Cli.Tests;

/// <summary>Runs <c>amparo</c> in-process with the real command tree, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand("amparo");
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        int code = await root.Parse(args).InvokeAsync(config, cts.Token);
        return (code, output.ToString(), error.ToString());
    }
}
