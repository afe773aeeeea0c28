using System.Security.Cryptography;

namespace Amparo.Web.Cases;

/// <summary>Outcome of re-hashing one stored original.</summary>
public enum OriginalState
{
    Intact,
    Altered,
    Missing,
}

/// <summary>
/// Originals exactly as uploaded, stored once by SHA-256 (content-addressed) and never rewritten; files are made
/// read-only. Verification re-hashes them against the hash recorded at upload.
/// </summary>
public sealed class OriginalStore
{
    private readonly string _root;

    public OriginalStore(string dataDirectory)
    {
        _root = Path.Combine(dataDirectory, "originals");
        Directory.CreateDirectory(_root);
    }

    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256);

    /// <summary>Moves a fully written, already hashed temporary file into the store (atomic rename).</summary>
    public void Adopt(string tempPath, string sha256)
    {
        string target = PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(tempPath);
            return;
        }

        File.Move(tempPath, target);
        File.SetAttributes(target, FileAttributes.ReadOnly);
    }

    public async Task<OriginalState> VerifyAsync(string sha256, CancellationToken ct)
    {
        string path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return OriginalState.Missing;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        byte[] hash = await SHA256.HashDataAsync(stream, ct);
        return string.Equals(Convert.ToHexStringLower(hash), sha256, StringComparison.Ordinal) ? OriginalState.Intact : OriginalState.Altered;
    }
}
