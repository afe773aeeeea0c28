using System.Security.Cryptography;

namespace Amparo.Evidence.Crypto;

/// <summary>
/// Small authenticated encryption for rows and secrets: version(1) ‖ nonce(12) ‖ ciphertext ‖ tag(16), AES-256-GCM,
/// with a purpose label as associated data so a row of one kind cannot be passed off as another.
/// </summary>
internal static class SealedBox
{
    private const byte Version = 1;
    private const int Overhead = 1 + 12 + 16;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> purpose)
    {
        byte[] output = new byte[Overhead + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, 16);
        gcm.Encrypt(nonce, plaintext, output.AsSpan(13, plaintext.Length), output.AsSpan(13 + plaintext.Length, 16), purpose);
        return output;
    }

    /// <summary>Returns null when the box does not authenticate (altered, or made under another key).</summary>
    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> box, ReadOnlySpan<byte> purpose)
    {
        if (box.Length < Overhead || box[0] != Version)
        {
            return null;
        }

        int length = box.Length - Overhead;
        byte[] plaintext = new byte[length];
        try
        {
            using var gcm = new AesGcm(key, 16);
            gcm.Decrypt(box.Slice(1, 12), box.Slice(13, length), box.Slice(13 + length, 16), plaintext, purpose);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
