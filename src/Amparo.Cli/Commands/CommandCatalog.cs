using System.CommandLine;

namespace Amparo.Cli.Commands;

/// <summary>Every <c>amparo</c> subcommand, one line each; a command lives in its own file beside this one.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create()
    {
        yield return AnalyzeCommand.Create();
        yield return ConvertCommand.Create();
        yield return TrainCommand.Create();
        yield return ScoreCommand.Create();
        yield return EvalCommand.Create();
        yield return CaseCommand.Create();
        yield return EvidenceCommand.Create();
        yield return WhereToReportCommand.Create();
        yield return ReportCommand.Create();
        yield return CheckPasswordCommand.Create();
    }
}
