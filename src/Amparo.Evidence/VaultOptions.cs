using Amparo.Evidence.Crypto;

namespace Amparo.Evidence;

/// <summary>How a vault is created or opened.</summary>
public sealed record VaultOptions
{
    public static VaultOptions Default { get; } = new();

    /// <summary>The clock for custody log entries.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// PBKDF2 iterations for a new vault (an opened vault uses what its header says). Lower it only in tests:
    /// it is what makes guessing a passphrase slow.
    /// </summary>
    public int KdfIterations { get; init; } = VaultKeys.DefaultIterations;

    /// <summary>Plaintext bytes per encrypted chunk for new files.</summary>
    public int ChunkSize { get; init; } = BlobCipher.DefaultChunkSize;
}
