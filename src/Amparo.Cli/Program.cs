using System.CommandLine;
using Amparo.Cli;
using Amparo.Cli.Commands;

var root = new RootCommand("Amparo: read chat exports, explain grooming risk, keep evidence, prepare the report.");
foreach (var command in CommandCatalog.Create())
{
    root.Subcommands.Add(command);
}

return await Cli.RunAsync(root, args);
