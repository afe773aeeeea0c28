using System.Runtime.CompilerServices;
using Amparo.Core;
using Amparo.Importers.Zip;

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
            // Every file of the folder is a sibling of every other (media next to a chat, the parts of a thread).
            var root = Path.GetFullPath(path);
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            var siblings = new Dictionary<string, Func<Stream>>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                siblings[Path.GetRelativePath(root, file).Replace('\\', '/')] = OpenFile(file);
            }

            bool any = false;
            foreach (var file in files)
            {
                var input = InputFor(file, options) with { Siblings = siblings, RelativePath = Path.GetRelativePath(root, file).Replace('\\', '/') };
                await foreach (var item in ReadCoreAsync(input, inFolder: true, cancellationToken).ConfigureAwait(false))
                {
                    any |= item.Conversation is not null;
                    yield return item;
                }
            }

            if (!any)
            {
                yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, path, null, "the folder holds no chat export Amparo recognises"));
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
        var input = InputFor(path, options ?? ImportOptions.Default);

        // Media exported beside a chat file (same folder, not below) can be linked and hashed.
        var siblings = new Dictionary<string, Func<Stream>>(StringComparer.Ordinal);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir && Directory.Exists(dir))
        {
            foreach (var file in Directory.EnumerateFiles(dir).Take(10_000))
            {
                siblings[Path.GetFileName(file)] = OpenFile(file);
            }
        }

        return ReadAsync(input with { Siblings = siblings, RelativePath = input.FileName }, cancellationToken);
    }

    private static ImportInput InputFor(string path, ImportOptions options)
    {
        var info = new FileInfo(path);
        return new ImportInput
        {
            FileName = info.Name,
            Open = OpenFile(path),
            Length = info.Exists ? info.Length : null,
            Options = options,
        };
    }

    private static Func<Stream> OpenFile(string path) =>
        () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);

    /// <summary>Streams the conversations of one input, detecting its format.</summary>
    public IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(input, inFolder: false, cancellationToken);

    private async IAsyncEnumerable<ImportItem> ReadCoreAsync(ImportInput input, bool inFolder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        byte[]? head;
        try
        {
            head = await ReadHeadAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            head = null;
        }

        if (head is null)
        {
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, "the file could not be opened for reading"));
            yield break;
        }

        if (head.Length == 0)
        {
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, "the file is empty"));
            yield break;
        }

        if (input.Options.Format is null && ZipChatReader.IsZip(head))
        {
            await foreach (var item in ZipChatReader.ReadAsync(this, input, depth: 0, budget: null, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            yield break;
        }

        var importer = Detect(head, input.FileName, input.Options.Format);
        if (importer is null)
        {
            // In a folder, photos and other files beside the chats are expected: noted, not errors.
            yield return ImportItem.Of(new ImportDiagnostic(inFolder && input.Options.Format is null ? DiagnosticSeverity.Info : DiagnosticSeverity.Error, input.FileName, null,
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

    internal static async Task<byte[]> ReadHeadAsync(ImportInput input, CancellationToken cancellationToken)
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
