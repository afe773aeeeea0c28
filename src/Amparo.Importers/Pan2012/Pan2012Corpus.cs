using System.Security.Cryptography;
using Amparo.Core.Text;

namespace Amparo.Importers.Pan2012;

/// <summary>
/// The side files of the official PAN-2012 corpus: the predator author-id list (problem 1 ground truth), the
/// predator-line list (<c>conversation_id&lt;TAB&gt;line</c>, problem 2 ground truth and the organisers' diff
/// file share this layout) and the published SHA-256 sums a user's copy is checked against.
/// </summary>
public static class Pan2012Corpus
{
    /// <summary>Reads a predator-id list: one author id per line; blank lines and surrounding spaces ignored.</summary>
    public static async Task<IReadOnlySet<string>> ReadPredatorIdsAsync(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path);
        return await ReadPredatorIdsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ReadPredatorIdsAsync(string, CancellationToken)"/>
    public static async Task<IReadOnlySet<string>> ReadPredatorIdsAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lines = new BoundedLineReader(reader, 4096);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            string id = line.Trim();
            if (id.Length > 0)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>
    /// Reads a <c>conversation_id&lt;TAB&gt;line</c> file into conversation id → set of PAN line numbers (the
    /// <c>line</c> attribute of <c>&lt;message&gt;</c>, 1-based). Lines that do not have that shape are skipped.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<int>>> ReadLineGroundTruthAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var map = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var lines = new BoundedLineReader(reader, 4096);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var parts = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
            {
                continue;
            }

            if (!map.TryGetValue(parts[0], out var set))
            {
                set = [];
                map.Add(parts[0], set);
            }

            set.Add(n);
        }

        return map.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<int>)kv.Value, StringComparer.Ordinal);
    }

    /// <inheritdoc cref="ReadLineGroundTruthAsync(TextReader, CancellationToken)"/>
    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<int>>> ReadLineGroundTruthAsync(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path);
        return await ReadLineGroundTruthAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a <c>sha256sum</c>-style file: file name → lower-case hex digest.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadReferenceChecksumsAsync(string path, CancellationToken cancellationToken = default)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Length == 64)
            {
                map[parts[1].TrimStart('*')] = parts[0].ToLowerInvariant();
            }
        }

        return map;
    }

    /// <summary>
    /// Checks a user's copy of an official file against the published digest (looked up by file name).
    /// Returns null when the name is not in the reference list, else whether the digest matches.
    /// </summary>
    public static async Task<bool?> VerifyAsync(string file, IReadOnlyDictionary<string, string> reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!reference.TryGetValue(Path.GetFileName(file), out string? expected))
        {
            return null;
        }

        var stream = File.OpenRead(file);
        await using (stream.ConfigureAwait(false))
        {
            byte[] digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return string.Equals(Convert.ToHexStringLower(digest), expected, StringComparison.Ordinal);
        }
    }
}
