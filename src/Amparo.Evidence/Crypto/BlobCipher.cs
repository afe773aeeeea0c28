using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Amparo.Evidence.Crypto;

/// <summary>
/// Streaming AES-256-GCM for evidence files, so a 1 GB recording never sits in memory. Layout (see
/// docs/evidence-format.md): a 32-byte header, then chunks of <c>ciphertext ‖ tag(16)</c>. Every chunk but the last
/// holds exactly the header's chunk size in plaintext bytes; the last holds fewer (possibly zero) and is marked
/// final in its associated data, so truncation and reordering of chunks fail authentication.
/// </summary>
public static class BlobCipher
{
    /// <summary>Plaintext bytes per chunk: large enough that per-chunk overhead vanishes, small enough to stream.</summary>
    public const int DefaultChunkSize = 1 << 20;

    internal const int HeaderLength = 32;
    internal const int TagLength = 16;
    private static ReadOnlySpan<byte> Magic => "AMPARO-B"u8;

    /// <summary>What was learned about the plaintext while encrypting it.</summary>
    public readonly record struct Digests(string Sha256, string Md5, long Length);

    /// <summary>Encrypts <paramref name="input"/> to <paramref name="output"/>, hashing the plaintext on the way.</summary>
    public static async Task<Digests> EncryptAsync(Stream input, Stream output, ReadOnlyMemory<byte> key, int chunkSize = DefaultChunkSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        byte[] header = new byte[HeaderLength];
        Magic.CopyTo(header);
        header[8] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12, 4), chunkSize);
        RandomNumberGenerator.Fill(header.AsSpan(16, 8));
        await output.WriteAsync(header, cancellationToken).ConfigureAwait(false);

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var gcm = new AesGcm(key.Span, TagLength);
        byte[] plain = ArrayPool<byte>.Shared.Rent(chunkSize);
        byte[] cipher = ArrayPool<byte>.Shared.Rent(chunkSize + TagLength);
        byte[] aad = new byte[HeaderLength + 9];
        header.CopyTo(aad, 0);
        byte[] nonce = new byte[12];
        header.AsSpan(16, 8).CopyTo(nonce);
        long total = 0;
        try
        {
            for (long index = 0; ; index++)
            {
                int n = await ReadFullAsync(input, plain.AsMemory(0, chunkSize), cancellationToken).ConfigureAwait(false);
                bool final = n < chunkSize;
                sha.AppendData(plain, 0, n);
                md5.AppendData(plain, 0, n);
                total += n;
                ChunkParameters(nonce, aad, index, final);
                gcm.Encrypt(nonce, plain.AsSpan(0, n), cipher.AsSpan(0, n), cipher.AsSpan(n, TagLength), aad);
                await output.WriteAsync(cipher.AsMemory(0, n + TagLength), cancellationToken).ConfigureAwait(false);
                if (final)
                {
                    break;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, chunkSize));
            ArrayPool<byte>.Shared.Return(plain);
            ArrayPool<byte>.Shared.Return(cipher);
        }

        return new Digests(Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()), total);
    }

    /// <summary>
    /// A read-only stream of the plaintext. Each chunk is authenticated before any of its bytes are returned;
    /// a chunk that fails throws <see cref="EvidenceIntegrityException"/> naming <paramref name="name"/> and the offset.
    /// </summary>
    /// <remarks>
    /// With <paramref name="expectedSha256"/>, the plaintext is hashed on the way and a mismatch at the end throws too:
    /// every blob is encrypted under the same key, so a blob copied over another one authenticates but hashes wrong.
    /// </remarks>
    public static Stream OpenRead(Stream encrypted, ReadOnlyMemory<byte> key, string name, string? expectedSha256 = null) =>
        new DecryptingStream(encrypted, key, name, expectedSha256);

    /// <summary>Size of the encrypted file for a plaintext of <paramref name="length"/> bytes.</summary>
    public static long EncryptedLength(long length, int chunkSize = DefaultChunkSize) => HeaderLength + length + ((length / chunkSize) + 1) * TagLength;

    internal static void ChunkParameters(byte[] nonce, byte[] aad, long index, bool final)
    {
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8, 4), checked((uint)index));
        BinaryPrimitives.WriteInt64LittleEndian(aad.AsSpan(HeaderLength, 8), index);
        aad[HeaderLength + 8] = final ? (byte)1 : (byte)0;
    }

    internal static async ValueTask<int> ReadFullAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static int ReadFull(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private sealed class DecryptingStream : Stream
    {
        private readonly Stream _inner;
        private readonly string _name;
        private readonly AesGcm _gcm;
        private readonly byte[] _nonce = new byte[12];
        private readonly byte[] _aad = new byte[HeaderLength + 9];
        private byte[]? _cipher;
        private byte[]? _plain;
        private int _chunkSize;
        private int _plainLength;
        private int _plainOffset;
        private long _index;
        private long _position;
        private bool _headerRead;
        private bool _done;

        private readonly string? _expected;
        private readonly IncrementalHash? _sha;

        public DecryptingStream(Stream inner, ReadOnlyMemory<byte> key, string name, string? expectedSha256)
        {
            _inner = inner;
            _name = name;
            _gcm = new AesGcm(key.Span, TagLength);
            _expected = expectedSha256;
            _sha = expectedSha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            while (_plainOffset >= _plainLength)
            {
                if (_done)
                {
                    return 0;
                }

                if (!_headerRead)
                {
                    ReadHeader(ReadFull(_inner, _aad.AsSpan(0, HeaderLength)));
                }

                int got = ReadFull(_inner, _cipher.AsSpan(0, _chunkSize + TagLength));
                DecryptChunk(got);
            }

            int n = Math.Min(buffer.Length, _plainLength - _plainOffset);
            _plain.AsSpan(_plainOffset, n).CopyTo(buffer);
            _plainOffset += n;
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            while (_plainOffset >= _plainLength)
            {
                if (_done)
                {
                    return 0;
                }

                if (!_headerRead)
                {
                    ReadHeader(await ReadFullAsync(_inner, _aad.AsMemory(0, HeaderLength), cancellationToken).ConfigureAwait(false));
                }

                int got = await ReadFullAsync(_inner, _cipher.AsMemory(0, _chunkSize + TagLength), cancellationToken).ConfigureAwait(false);
                DecryptChunk(got);
            }

            int n = Math.Min(buffer.Length, _plainLength - _plainOffset);
            _plain.AsSpan(_plainOffset, n).CopyTo(buffer.Span);
            _plainOffset += n;
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void ReadHeader(int got)
        {
            if (got < HeaderLength || !_aad.AsSpan(0, 8).SequenceEqual(Magic) || _aad[8] != 1)
            {
                throw new EvidenceIntegrityException($"{_name}: the stored file does not start with a valid vault header (damaged or replaced).");
            }

            _chunkSize = BinaryPrimitives.ReadInt32LittleEndian(_aad.AsSpan(12, 4));
            if (_chunkSize is < 1024 or > 64 << 20)
            {
                throw new EvidenceIntegrityException($"{_name}: the stored file's header names an impossible chunk size ({_chunkSize}).");
            }

            _aad.AsSpan(16, 8).CopyTo(_nonce);
            _cipher = ArrayPool<byte>.Shared.Rent(_chunkSize + TagLength);
            _plain = ArrayPool<byte>.Shared.Rent(_chunkSize);
            _headerRead = true;
        }

        [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_plain), nameof(_cipher))]
        private void DecryptChunk(int got)
        {
            _plain ??= [];
            _cipher ??= [];
            long offset = _index * _chunkSize;
            if (got < TagLength)
            {
                throw new EvidenceIntegrityException($"{_name}: the stored file is cut short at plaintext offset {offset} (chunk {_index}).");
            }

            bool final = got < _chunkSize + TagLength;
            int n = got - TagLength;
            ChunkParameters(_nonce, _aad, _index, final);
            try
            {
                _gcm.Decrypt(_nonce, _cipher.AsSpan(0, n), _cipher.AsSpan(n, TagLength), _plain.AsSpan(0, n), _aad);
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new EvidenceIntegrityException($"{_name}: the stored file was altered: chunk {_index} (plaintext bytes {offset}–{offset + n - 1}) does not authenticate.");
            }

            _plainLength = n;
            _plainOffset = 0;
            _index++;
            _sha?.AppendData(_plain, 0, n);
            if (final)
            {
                if (_inner.ReadByte() != -1)
                {
                    throw new EvidenceIntegrityException($"{_name}: the stored file has extra bytes after its final chunk.");
                }

                if (_sha is not null)
                {
                    string actual = Convert.ToHexStringLower(_sha.GetHashAndReset());
                    if (!string.Equals(actual, _expected, StringComparison.Ordinal))
                    {
                        throw new EvidenceIntegrityException($"{_name}: the stored file was replaced: its content hashes to {actual}, not {_expected}.");
                    }
                }

                _done = true;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gcm.Dispose();
                _sha?.Dispose();
                _inner.Dispose();
                if (_plain is not null)
                {
                    CryptographicOperations.ZeroMemory(_plain);
                    ArrayPool<byte>.Shared.Return(_plain);
                    _plain = null;
                }

                if (_cipher is not null)
                {
                    ArrayPool<byte>.Shared.Return(_cipher);
                    _cipher = null;
                }
            }

            base.Dispose(disposing);
        }
    }
}
