using System.Runtime.CompilerServices;
using Amparo.Core;
using Amparo.Importers;
using Spectre.Console;

namespace Amparo.Cli.Input;

/// <summary>
/// Reads every path a command was given (files or folders), streaming conversations as they come, with a
/// progress bar on stderr for long imports when stderr is a terminal. It keeps track of which named inputs
/// turned out unusable so the command can exit with 2 and name the file and line.
/// </summary>
internal sealed class ImportRun
{
    /// <summary>Inputs smaller than this finish too fast for a progress bar to help.</summary>
    private const long ProgressThresholdBytes = 8L << 20;

    private readonly ChatImporter _importer;
    private readonly Dictionary<string, int> _conversationsByPath = new(StringComparer.Ordinal);
    private readonly List<(string Path, ImportDiagnostic Diagnostic)> _inputDiagnostics = [];

    public ImportRun(IReadOnlyList<string> paths, ChatImporter? importer = null)
    {
        Paths = paths;
        _importer = importer ?? KnownImporters.CreateDefault();
    }

    public IReadOnlyList<string> Paths { get; }

    /// <summary>Diagnostics about inputs as a whole (unreadable, unknown format, truncated…).</summary>
    public IReadOnlyList<ImportDiagnostic> InputDiagnostics => _inputDiagnostics.Select(d => d.Diagnostic).ToArray();

    public int Conversations => _conversationsByPath.Values.Sum();

    /// <summary>The paths that do not exist, to be reported before anything is read.</summary>
    public IEnumerable<string> MissingPaths() => Paths.Where(p => !File.Exists(p) && !Directory.Exists(p));

    /// <summary>
    /// The first error that makes a named input unusable: a file given by name that yielded no conversation,
    /// or nothing usable at all from every input. Null when the run is usable.
    /// </summary>
    public ImportDiagnostic? Unusable()
    {
        foreach (string path in Paths)
        {
            if (File.Exists(path) && _conversationsByPath.GetValueOrDefault(path) == 0)
            {
                var error = _inputDiagnostics.FirstOrDefault(d => d.Path == path && d.Diagnostic.Severity == DiagnosticSeverity.Error).Diagnostic;
                if (error is not null)
                {
                    return error;
                }
            }
        }

        return Conversations == 0 ? _inputDiagnostics.Select(d => d.Diagnostic).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) : null;
    }

    /// <summary>Streams every conversation and input diagnostic of every path, in order.</summary>
    public async IAsyncEnumerable<ImportItem> ReadAsync(TextWriter error, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAnsiConsole? console = ShowProgress(error) ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }) : null;
        if (console is null)
        {
            await foreach (var item in ReadAllAsync(ImportOptions.Default, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            yield break;
        }

        // Spectre drives its display from a callback, so the import runs inside it and hands items over a channel.
        var channel = System.Threading.Channels.Channel.CreateBounded<ImportItem>(16);
        var display = console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new SyncProgress(p =>
                {
                    if (!tasks.TryGetValue(p.FileName, out var task))
                    {
                        task = ctx.AddTask(Markup.Escape(p.FileName), maxValue: Math.Max(1, p.TotalBytes ?? 1));
                        tasks.Add(p.FileName, task);
                    }

                    task.Value = Math.Min(p.BytesRead, task.MaxValue);
                });
                try
                {
                    await foreach (var item in ReadAllAsync(ImportOptions.Default with { Progress = progress }, cancellationToken).ConfigureAwait(false))
                    {
                        await channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            });

        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }

        await display.ConfigureAwait(false);
    }

    private async IAsyncEnumerable<ImportItem> ReadAllAsync(ImportOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (string path in Paths)
        {
            _conversationsByPath.TryAdd(path, 0);
            await foreach (var item in _importer.ReadPathAsync(path, options, cancellationToken).ConfigureAwait(false))
            {
                if (item.Conversation is not null)
                {
                    _conversationsByPath[path]++;
                }

                if (item.Diagnostic is { } d)
                {
                    _inputDiagnostics.Add((path, d));
                }

                yield return item;
            }
        }
    }

    private bool ShowProgress(TextWriter error)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            return false;
        }

        long total = 0;
        foreach (string path in Paths)
        {
            if (File.Exists(path))
            {
                total += new FileInfo(path).Length;
            }
            else if (Directory.Exists(path))
            {
                total += Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            }
        }

        return total >= ProgressThresholdBytes;
    }

    /// <summary>Reports on the importing thread (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
