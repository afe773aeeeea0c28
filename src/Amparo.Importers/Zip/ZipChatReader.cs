using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Amparo.Core;

namespace Amparo.Importers.Zip;

/// <summary>
/// Reads chat exports inside a zip without extracting anything to disk: entries are read as streams, unsafe
/// names (<c>../</c>, absolute paths) are refused, decompressed bytes are counted against the caps in
/// <see cref="ImportOptions"/>, and a zip inside the zip is opened (in memory, capped) but no deeper.
/// Every entry is offered to the others as a sibling so media can be linked and hashed.
/// </summary>
internal static class ZipChatReader
{
    /// <summary>Largest nested archive copied into memory to be opened.</summary>
    private const long MaxNestedArchiveBytes = 256L << 20;

    /// <summary>Entries smaller than this are not held to the compression-ratio cap (tiny text compresses well).</summary>
    private const long RatioFloorBytes = 1L << 20;

    public static bool IsZip(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K'
        && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8));

    public static async IAsyncEnumerable<ImportItem> ReadAsync(
        ChatImporter importer,
        ImportInput input,
        int depth,
        ArchiveBudget? budget,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = input.Options;
        budget ??= new ArchiveBudget(options.MaxArchiveUncompressedBytes, options.MaxCompressionRatio);
        var diagnostics = new List<ImportDiagnostic>();
        var (archive, problem) = await OpenAsync(input, budget, cancellationToken).ConfigureAwait(false);
        if (archive is null)
        {
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, problem!));
            yield break;
        }

        using (archive)
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            int index = 0;
            IReadOnlyList<ZipArchiveEntry> all;
            try
            {
                all = archive.Entries;
            }
            catch (InvalidDataException ex)
            {
                all = [];
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, $"the zip's table of contents is damaged ({ex.Message})"));
            }

            foreach (var entry in all)
            {
                if (++index > options.MaxArchiveEntries)
                {
                    diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, null,
                        $"the zip has more than {options.MaxArchiveEntries:N0} entries; the rest were not read"));
                    break;
                }

                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    continue;
                }

                if (UnsafeReason(entry.FullName) is { } reason)
                {
                    diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, null,
                        $"entry \"{entry.FullName}\" {reason}; it was refused and not read"));
                    continue;
                }

                entries.TryAdd(entry.FullName.Replace('\\', '/'), entry);
            }

            var siblings = new Dictionary<string, Func<Stream>>(StringComparer.Ordinal);
            foreach (var (name, entry) in entries)
            {
                siblings[name] = () => OpenEntry(entry, name, budget);
            }

            foreach (var d in diagnostics)
            {
                yield return ImportItem.Of(d);
            }

            bool any = false;
            foreach (var (name, entry) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var child = new ImportInput
                {
                    FileName = input.FileName + "/" + name,
                    Open = siblings[name],
                    Length = SafeLength(entry),
                    Siblings = siblings,
                    RelativePath = name,
                    Options = options with { Format = null },
                };

                byte[] head;
                ImportDiagnostic? headProblem = null;
                try
                {
                    head = await ChatImporter.ReadHeadAsync(child, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException)
                {
                    head = [];
                    headProblem = new ImportDiagnostic(DiagnosticSeverity.Error, child.FileName, null, $"the entry could not be read ({ex.Message})");
                }

                if (headProblem is not null)
                {
                    yield return ImportItem.Of(headProblem);
                    continue;
                }

                if (IsZip(head))
                {
                    if (depth >= 1)
                    {
                        yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Info, child.FileName, null,
                            "a zip inside a zip inside a zip was not opened (only one level of nesting is read)"));
                        continue;
                    }

                    await foreach (var item in ReadAsync(importer, child, depth + 1, budget, cancellationToken).ConfigureAwait(false))
                    {
                        any |= item.Conversation is not null;
                        yield return item;
                    }

                    continue;
                }

                if (head.Length == 0 || importer.Detect(head, name) is not { } found)
                {
                    continue;
                }

                await foreach (var item in Guarded(found.ReadAsync(child, cancellationToken), child.FileName, cancellationToken).ConfigureAwait(false))
                {
                    any |= item.Conversation is not null;
                    yield return item;
                }
            }

            if (!any)
            {
                yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null,
                    "the zip holds no chat export Amparo recognises"));
            }
        }
    }

    /// <summary>Runs an importer over an archive entry, turning a broken or capped entry into a diagnostic.</summary>
    internal static async IAsyncEnumerable<ImportItem> Guarded(IAsyncEnumerable<ImportItem> source, string fileName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var e = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ImportItem? item;
                string? failure = null;
                try
                {
                    item = await e.MoveNextAsync().ConfigureAwait(false) ? e.Current : null;
                }
                catch (ArchiveLimitException ex)
                {
                    item = null;
                    failure = ex.Message;
                }
                catch (InvalidDataException ex)
                {
                    item = null;
                    failure = $"the entry is damaged and could not be decompressed ({ex.Message})";
                }
                catch (IOException ex)
                {
                    item = null;
                    failure = $"the entry could not be read ({ex.Message})";
                }

                if (failure is not null)
                {
                    yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, fileName, null, failure));
                    yield break;
                }

                if (item is null)
                {
                    yield break;
                }

                yield return item;
            }
        }
        finally
        {
            await e.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Stream OpenEntry(ZipArchiveEntry entry, string name, ArchiveBudget budget)
    {
        long compressed = Math.Max(1, entry.CompressedLength);
        long ratioCap = (long)Math.Min(long.MaxValue / 2, compressed * RatioOf(budget));
        long cap = Math.Max(ratioCap, RatioFloorBytes);
        return new CappedStream(entry.Open(), name, cap, budget);
    }

    // The ratio lives with the options; the budget carries the archive's options through nesting.
    private static double RatioOf(ArchiveBudget budget) => budget.MaxRatio;

    private static long? SafeLength(ZipArchiveEntry entry)
    {
        try
        {
            return entry.Length;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Why an entry name could write outside an extraction folder, or null when it is safe.</summary>
    internal static string? UnsafeReason(string name)
    {
        string n = name.Replace('\\', '/');
        if (n.StartsWith('/') || (n.Length >= 2 && n[1] == ':' && char.IsAsciiLetter(n[0])))
        {
            return "has an absolute path";
        }

        foreach (var range in n.AsSpan().Split('/'))
        {
            if (n.AsSpan()[range].SequenceEqual(".."))
            {
                return "climbs out of the archive with \"../\"";
            }
        }

        if (n.Contains('\0', StringComparison.Ordinal))
        {
            return "has a NUL character in its name";
        }

        return null;
    }

    private static async Task<(ZipArchive? Archive, string? Problem)> OpenAsync(ImportInput input, ArchiveBudget budget, CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            stream = input.Open();
        }
        catch (IOException ex)
        {
            return (null, $"the zip could not be opened ({ex.Message})");
        }

        try
        {
            if (!stream.CanSeek)
            {
                // A zip inside a zip: its directory is at the end, so it has to be in memory (capped) to be read.
                var memory = new MemoryStream();
                var buffer = new byte[81920];
                int n;
                while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (memory.Length + n > MaxNestedArchiveBytes)
                    {
                        await stream.DisposeAsync().ConfigureAwait(false);
                        return (null, FormattableString.Invariant($"the zip inside the zip is larger than {MaxNestedArchiveBytes:N0} bytes; it was not opened"));
                    }

                    memory.Write(buffer, 0, n);
                }

                await stream.DisposeAsync().ConfigureAwait(false);
                memory.Position = 0;
                stream = memory;
            }

            if (CheckDirectory(stream, input.Options) is { } refused)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return (null, refused);
            }

            stream.Position = 0;
            return (new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            return (null, $"the zip is damaged or incomplete and could not be read ({ex.Message})");
        }
    }

    /// <summary>
    /// Reads the end-of-directory record before <see cref="ZipArchive"/> does: a directory claiming millions of
    /// entries would be loaded whole into memory, so it is refused first.
    /// </summary>
    private static string? CheckDirectory(Stream stream, ImportOptions options)
    {
        long length = stream.Length;
        int tail = (int)Math.Min(length, 65_557);
        var buffer = new byte[tail];
        stream.Position = length - tail;
        stream.ReadExactly(buffer);
        for (int i = tail - 22; i >= 0; i--)
        {
            if (buffer[i] == 0x50 && buffer[i + 1] == 0x4B && buffer[i + 2] == 5 && buffer[i + 3] == 6)
            {
                int count = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(i + 10));
                if (count != 0xFFFF && count > options.MaxArchiveEntries)
                {
                    return FormattableString.Invariant($"the zip lists {count:N0} entries, more than the {options.MaxArchiveEntries:N0} allowed; it was not read");
                }

                return null;
            }
        }

        return "the zip is damaged or incomplete: its table of contents (at the end of the file) is missing";
    }
}
