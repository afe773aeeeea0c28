using System.Security.Cryptography;
using System.Text;

namespace Amparo.Evidence.Crypto;

/// <summary>
/// Key material of an open vault. A random 256-bit data key is wrapped under a key derived from the passphrase
/// (PBKDF2-SHA256), so a passphrase change only rewraps 32 bytes; purpose keys come from the data key by HKDF.
/// </summary>
public sealed class VaultKeys : IDisposable
{
    /// <summary>Iterations used for new vaults (OWASP 2023 guidance for PBKDF2-HMAC-SHA256).</summary>
    public const int DefaultIterations = 600_000;

    private static readonly byte[] KeyCheckLabel = "amparo key check v1"u8.ToArray();
    private static readonly byte[] WrapAad = "amparo data key v1"u8.ToArray();

    private readonly byte[] _blobKey;
    private readonly byte[] _rowKey;
    private readonly byte[] _secretKey;

    private VaultKeys(byte[] dataKey)
    {
        _blobKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, 32, info: "amparo blob v1"u8.ToArray());
        _rowKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, 32, info: "amparo row v1"u8.ToArray());
        _secretKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, 32, info: "amparo secret v1"u8.ToArray());
        CryptographicOperations.ZeroMemory(dataKey);
    }

    internal ReadOnlySpan<byte> BlobKey => _blobKey;

    internal ReadOnlySpan<byte> RowKey => _rowKey;

    internal ReadOnlySpan<byte> SecretKey => _secretKey;

    /// <summary>Makes a new data key and the header fields that protect it under the passphrase.</summary>
    public static (VaultKeys Keys, KeyEnvelope Envelope) Create(string passphrase, int iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] kek = DeriveKek(passphrase, salt, iterations);
        byte[] dataKey = RandomNumberGenerator.GetBytes(32);
        byte[] nonce = RandomNumberGenerator.GetBytes(12);
        byte[] wrapped = new byte[32];
        byte[] tag = new byte[16];
        using (var gcm = new AesGcm(kek, 16))
        {
            gcm.Encrypt(nonce, dataKey, wrapped, tag, WrapAad);
        }

        var envelope = new KeyEnvelope
        {
            Kdf = "pbkdf2-sha256",
            Iterations = iterations,
            Salt = Convert.ToBase64String(salt),
            KeyCheck = Convert.ToHexStringLower(HMACSHA256.HashData(kek, KeyCheckLabel)),
            WrappedKey = Convert.ToBase64String([.. nonce, .. wrapped, .. tag]),
        };
        CryptographicOperations.ZeroMemory(kek);
        return (new VaultKeys(dataKey), envelope);
    }

    /// <summary>Opens the data key; throws <see cref="WrongPassphraseException"/> when the passphrase does not fit.</summary>
    public static VaultKeys Open(string passphrase, KeyEnvelope envelope, string vaultLocation)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!string.Equals(envelope.Kdf, "pbkdf2-sha256", StringComparison.Ordinal))
        {
            throw new EvidenceException($"The vault at {vaultLocation} uses a key derivation ({envelope.Kdf}) this version does not know.");
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            throw new WrongPassphraseException(vaultLocation);
        }

        byte[] kek = DeriveKek(passphrase, Convert.FromBase64String(envelope.Salt), envelope.Iterations);
        try
        {
            byte[] check = HMACSHA256.HashData(kek, KeyCheckLabel);
            if (!CryptographicOperations.FixedTimeEquals(check, Convert.FromHexString(envelope.KeyCheck)))
            {
                throw new WrongPassphraseException(vaultLocation);
            }

            byte[] blob = Convert.FromBase64String(envelope.WrappedKey);
            if (blob.Length != 12 + 32 + 16)
            {
                throw new EvidenceIntegrityException($"The vault header at {vaultLocation} is damaged (wrapped key has the wrong length).");
            }

            byte[] dataKey = new byte[32];
            try
            {
                using var gcm = new AesGcm(kek, 16);
                gcm.Decrypt(blob.AsSpan(0, 12), blob.AsSpan(12, 32), blob.AsSpan(44, 16), dataKey, WrapAad);
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new EvidenceIntegrityException($"The vault header at {vaultLocation} is damaged: the passphrase is right but the wrapped key does not authenticate. ({ex.Message})");
            }

            return new VaultKeys(dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    private static byte[] DeriveKek(string passphrase, byte[] salt, int iterations)
    {
        // Normalise so the same passphrase typed on another OS/keyboard (composed vs decomposed accents) opens the vault.
        byte[] pass = Encoding.UTF8.GetBytes(passphrase.Normalize(NormalizationForm.FormC));
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(pass, salt, iterations, HashAlgorithmName.SHA256, 32);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pass);
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_blobKey);
        CryptographicOperations.ZeroMemory(_rowKey);
        CryptographicOperations.ZeroMemory(_secretKey);
    }
}

/// <summary>The passphrase-protected data key as stored in the vault header (plain JSON, nothing secret in clear).</summary>
public sealed record KeyEnvelope
{
    public required string Kdf { get; init; }

    public required int Iterations { get; init; }

    /// <summary>Base64, 16 random bytes.</summary>
    public required string Salt { get; init; }

    /// <summary>Hex HMAC-SHA256(kek, "amparo key check v1"): tells a wrong passphrase apart from damage.</summary>
    public required string KeyCheck { get; init; }

    /// <summary>Base64 of nonce(12) ‖ AES-256-GCM(kek, data key)(32) ‖ tag(16), AAD "amparo data key v1".</summary>
    public required string WrappedKey { get; init; }
}
