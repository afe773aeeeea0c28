using System.Runtime.CompilerServices;
using Amparo.Core;

namespace Amparo.Importers;

/// <summary>
/// The entry point for reading chat exports: give it a file or a folder, it finds the format of each file
/// from its content and streams the conversations. Hosts add importers (screenshots, say) through the
/// constructor.
/// </summary>
public sealed class ChatImporter
{
    private readonly IReadOnlyList<IChatImporter> _importers;

    public ChatImporter(IEnumerable<IChatImporter> importers)
    {
        ArgumentNullException.ThrowIfNull(importers);
        _importers = importers.ToArray();
    }

    /// <summary>The importers this instance tries, in order.</summary>
    public IReadOnlyList<IChatImporter> Importers => _importers;

    /// <summary>Finds the importer for a file's first bytes, or null.</summary>
    public IChatImporter? Detect(ReadOnlySpan<byte> head, string fileName, string? forcedFormat = null)
    {
        foreach (var importer in _importers)
        {
            if (forcedFormat is not null)
            {
                if (string.Equals(importer.Format, forcedFormat, StringComparison.OrdinalIgnoreCase))
                {
                    return importer;
                }

                continue;
            }

            if (importer.CanRead(head, fileName))
            {
                return importer;
            }
        }

        return null;
    }

    /// <summary>Streams everything in a file or, recursively, a folder.</summary>
    public async IAsyncEnumerable<ImportItem> ReadPathAsync(string path, ImportOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ImportOptions.Default;
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                await foreach (var item in ReadFileAsync(file, options, cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }
            }

            yield break;
        }

        if (!File.Exists(path))
        {
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, path, null, "no such file or folder"));
            yield break;
        }

        await foreach (var item in ReadFileAsync(path, options, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Streams the conversations of one file on disk.</summary>
    public IAsyncEnumerable<ImportItem> ReadFileAsync(string path, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        var input = new ImportInput
        {
            FileName = info.Name,
            Open = () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous),
            Length = info.Exists ? info.Length : null,
            Options = options ?? ImportOptions.Default,
        };
        return ReadAsync(input, cancellationToken);
    }

    /// <summary>Streams the conversations of one input, detecting its format.</summary>
    public async IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        byte[] head;
        try
        {
            head = await ReadHeadAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            head = [];
            input = input with { Length = -1 };
            _ = ex;
        }
        catch (UnauthorizedAccessException)
        {
            head = [];
            input = input with { Length = -1 };
        }

        if (input.Length == -1)
        {
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, "the file could not be opened for reading"));
            yield break;
        }

        if (head.Length == 0)
        {
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, "the file is empty"));
            yield break;
        }

        var importer = Detect(head, input.FileName, input.Options.Format);
        if (importer is null)
        {
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null,
                input.Options.Format is { } f
                    ? $"no importer is named \"{f}\""
                    : "not a chat export Amparo recognises (WhatsApp, Telegram, Discord, Instagram, Messenger, SMS Backup & Restore, PAN-2012, interchange JSONL/CSV)"));
            yield break;
        }

        await foreach (var item in importer.ReadAsync(input, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Reads everything into memory (for small inputs and tests).</summary>
    public async Task<ImportResult> ReadAllAsync(string path, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversations = new List<Conversation>();
        var diagnostics = new List<ImportDiagnostic>();
        await foreach (var item in ReadPathAsync(path, options, cancellationToken).ConfigureAwait(false))
        {
            if (item.Conversation is { } c)
            {
                conversations.Add(c);
            }

            if (item.Diagnostic is { } d)
            {
                diagnostics.Add(d);
            }
        }

        return new ImportResult { Conversations = conversations, Diagnostics = diagnostics };
    }

    private static async Task<byte[]> ReadHeadAsync(ImportInput input, CancellationToken cancellationToken)
    {
        var stream = input.Open();
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[ImportInput.SniffLength];
            int total = 0;
            while (total < buffer.Length)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return buffer[..total];
        }
    }
}
