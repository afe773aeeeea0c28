using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Amparo.Evidence.Storage;

/// <summary>
/// Blobs as files: <c>blobs/ab/&lt;sha256&gt;.blob</c>, staged in <c>tmp/</c>. Staging files are written, fsynced and
/// renamed (rename is atomic on one file system), and the folder is fsynced after each rename so a power cut
/// cannot resurrect an old name.
/// </summary>
public sealed partial class FolderBlobStore : IBlobStore
{
    private const string PartSuffix = ".part";
    private const string StagedSuffix = ".staged";
    private readonly string _blobs;
    private readonly string _tmp;

    public FolderBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _blobs = Path.Combine(root, "blobs");
        _tmp = Path.Combine(root, "tmp");
    }

    /// <summary>Creates the folders (idempotent).</summary>
    public void EnsureCreated()
    {
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_tmp);
    }

    public IBlobWriter BeginWrite()
    {
        Directory.CreateDirectory(_tmp);
        string path = Path.Combine(_tmp, Guid.NewGuid().ToString("N") + PartSuffix);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Ciphertext only, but still nobody else's business.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        return new Writer(this, path, stream);
    }

    public Stream OpenRead(string sha256)
    {
        string path = PathOf(sha256);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw new EvidenceNotFoundException($"The stored file for {sha256} is missing from the vault ({path}).");
        }
        catch (DirectoryNotFoundException)
        {
            throw new EvidenceNotFoundException($"The stored file for {sha256} is missing from the vault ({path}).");
        }
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public BlobListing List()
    {
        var blobs = new List<string>();
        var unexpected = new List<string>();
        if (!Directory.Exists(_blobs))
        {
            return new BlobListing(blobs, unexpected);
        }

        foreach (string file in Directory.EnumerateFileSystemEntries(_blobs, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(Path.GetDirectoryName(_blobs)!, file).Replace('\\', '/');
            if (Directory.Exists(file))
            {
                if (!ShardName().IsMatch(Path.GetFileName(file)) || Path.GetDirectoryName(file) != _blobs)
                {
                    unexpected.Add(relative + "/");
                }

                continue;
            }

            string name = Path.GetFileName(file);
            var m = BlobName().Match(name);
            if (m.Success && string.Equals(Path.GetFileName(Path.GetDirectoryName(file)), m.Groups[1].Value[..2], StringComparison.Ordinal)
                && string.Equals(Path.GetDirectoryName(Path.GetDirectoryName(file)), _blobs, StringComparison.Ordinal))
            {
                blobs.Add(m.Groups[1].Value);
            }
            else
            {
                unexpected.Add(relative);
            }
        }

        return new BlobListing(blobs, unexpected);
    }

    public Task RecoverAsync(IReadOnlySet<string> committed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(committed);
        if (!Directory.Exists(_tmp))
        {
            return Task.CompletedTask;
        }

        foreach (string file in Directory.EnumerateFiles(_tmp))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = Path.GetFileName(file);
            if (name.EndsWith(StagedSuffix, StringComparison.Ordinal))
            {
                string sha = name[..^StagedSuffix.Length];
                if (committed.Contains(sha) && !Exists(sha))
                {
                    Publish(file, sha);
                    continue;
                }

                File.Delete(file);
            }
            else if (name.EndsWith(PartSuffix, StringComparison.Ordinal))
            {
                File.Delete(file);
            }
        }

        return Task.CompletedTask;
    }

    private string PathOf(string sha256)
    {
        if (!Sha256Hex().IsMatch(sha256))
        {
            throw new ArgumentException($"\"{sha256}\" is not a lower-case hex SHA-256.", nameof(sha256));
        }

        return Path.Combine(_blobs, sha256[..2], sha256 + ".blob");
    }

    private void Publish(string stagedPath, string sha)
    {
        string target = PathOf(sha);
        if (File.Exists(target))
        {
            File.Delete(stagedPath);
            return;
        }

        string dir = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(dir);
        File.Move(stagedPath, target, overwrite: false);
        FsyncDirectory(dir);
        FsyncDirectory(_tmp);
    }

    /// <summary>Makes a rename durable: POSIX only promises it once the containing folder is fsynced.</summary>
    internal static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = NativeMethods.open(directory, 0);
        if (fd < 0)
        {
            return;
        }

        _ = NativeMethods.fsync(fd);
        _ = NativeMethods.close(fd);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^([0-9a-f]{64})\\.blob$")]
    private static partial Regex BlobName();

    [GeneratedRegex("^[0-9a-f]{2}$")]
    private static partial Regex ShardName();

    private static partial class NativeMethods
    {
        [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int open(string path, int flags);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int fsync(int fd);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int close(int fd);
    }

    private sealed class Writer(FolderBlobStore store, string path, FileStream stream) : IBlobWriter
    {
        private bool _sealed;

        public Stream Stream => stream;

        public async Task<IStagedBlob> SealAsync(string sha256, CancellationToken cancellationToken = default)
        {
            _ = store.PathOf(sha256);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync().ConfigureAwait(false);
            string staged = Path.Combine(store._tmp, sha256 + StagedSuffix);
            File.Move(path, staged, overwrite: true);
            FsyncDirectory(store._tmp);
            _sealed = true;
            return new Staged(store, staged, sha256);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_sealed)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                File.Delete(path);
            }
        }
    }

    private sealed class Staged(FolderBlobStore store, string path, string sha256) : IStagedBlob
    {
        public Task PublishAsync(CancellationToken cancellationToken = default)
        {
            store.Publish(path, sha256);
            return Task.CompletedTask;
        }

        public Task DiscardAsync()
        {
            File.Delete(path);
            return Task.CompletedTask;
        }
    }
}
