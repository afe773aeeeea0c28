using System.Security.Cryptography;
using Amparo.Evidence.Crypto;

namespace Amparo.Evidence.Tests.Crypto;

public sealed class BlobCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static async Task<byte[]> EncryptAsync(byte[] plain, int chunk = 1024)
    {
        using var output = new MemoryStream();
        var digests = await BlobCipher.EncryptAsync(new MemoryStream(plain), output, Key, chunk);
        digests.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(plain)));
        digests.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(plain)));
        digests.Length.ShouldBe(plain.Length);
        output.Length.ShouldBe(BlobCipher.EncryptedLength(plain.Length, chunk));
        return output.ToArray();
    }

    private static async Task<byte[]> DecryptAsync(byte[] blob, string? sha = null)
    {
        await using var s = BlobCipher.OpenRead(new MemoryStream(blob), Key, "test", sha);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms);
        return ms.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(5000)]
    public async Task Round_trips_any_length(int length)
    {
        byte[] plain = RandomNumberGenerator.GetBytes(length);
        (await DecryptAsync(await EncryptAsync(plain), Convert.ToHexStringLower(SHA256.HashData(plain)))).ShouldBe(plain);
    }

    [Fact]
    public async Task Two_encryptions_of_the_same_file_differ_because_nonces_are_random()
    {
        byte[] plain = RandomNumberGenerator.GetBytes(3000);
        (await EncryptAsync(plain)).ShouldNotBe(await EncryptAsync(plain));
    }

    [Fact]
    public async Task Truncation_at_a_chunk_boundary_is_detected()
    {
        byte[] blob = await EncryptAsync(RandomNumberGenerator.GetBytes(3000));
        byte[] cut = blob[..(32 + 2 * (1024 + 16))];
        var ex = await Should.ThrowAsync<EvidenceIntegrityException>(() => DecryptAsync(cut));
        ex.Message.ShouldContain("cut short");
    }

    [Fact]
    public async Task Swapped_chunks_fail_authentication()
    {
        byte[] blob = await EncryptAsync(RandomNumberGenerator.GetBytes(3000));
        int c = 1024 + 16;
        byte[] swapped = [.. blob[..32], .. blob[(32 + c)..(32 + 2 * c)], .. blob[32..(32 + c)], .. blob[(32 + 2 * c)..]];
        var ex = await Should.ThrowAsync<EvidenceIntegrityException>(() => DecryptAsync(swapped));
        ex.Message.ShouldContain("chunk 0");
    }

    [Fact]
    public async Task A_blob_with_the_wrong_content_hash_is_refused_at_the_end()
    {
        byte[] blob = await EncryptAsync(RandomNumberGenerator.GetBytes(100));
        var ex = await Should.ThrowAsync<EvidenceIntegrityException>(() => DecryptAsync(blob, new string('0', 64)));
        ex.Message.ShouldContain("replaced");
    }

    [Fact]
    public async Task A_key_is_wrapped_under_the_passphrase_and_a_wrong_one_is_named_as_such()
    {
        var (keys, envelope) = VaultKeys.Create("pässword", 1000);
        keys.Dispose();
        envelope.Iterations.ShouldBe(1000);
        Convert.FromBase64String(envelope.Salt).Length.ShouldBe(16);
        using (VaultKeys.Open("pa\u0308ssword", envelope, "here"))
        {
            // Decomposed "ä" opens the same vault: passphrases are normalised before derivation.
        }

        Should.Throw<WrongPassphraseException>(() => VaultKeys.Open("password", envelope, "here")).Message.ShouldContain("here");
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }, "a", "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "a", "image/jpeg")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "a", "application/pdf")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "a.zip", "application/zip")]
    [InlineData(new byte[] { 0x68, 0x69, 0x0A }, "chat.txt", "text/plain")]
    [InlineData(new byte[] { 0x7B, 0x7D, 0x0A }, "c.jsonl", "application/jsonl")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02 }, "a.txt", "application/octet-stream")]
    public void Recognises_media_types_from_content(byte[] head, string name, string expected) =>
        MediaTypes.Sniff(head, name).ShouldBe(expected);
}
