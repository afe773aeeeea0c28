using System.Text.Json;
using System.Text.Json.Serialization;
using Amparo.Evidence.Crypto;

namespace Amparo.Evidence.Storage;

/// <summary>The vault header: plain JSON, nothing secret in clear (see docs/evidence-format.md).</summary>
public sealed record VaultHeader
{
    public const string FormatName = "amparo-vault";

    public string Format { get; init; } = FormatName;

    public int Version { get; init; } = 1;

    public required string VaultId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required KeyEnvelope Key { get; init; }

    public required SigningKeyInfo Signing { get; init; }

    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static VaultHeader Parse(string json, string location)
    {
        try
        {
            var header = JsonSerializer.Deserialize<VaultHeader>(json, Options);
            if (header is null || !string.Equals(header.Format, FormatName, StringComparison.Ordinal))
            {
                throw new EvidenceException($"{location} is not an Amparo vault.");
            }

            if (header.Version != 1)
            {
                throw new EvidenceException($"The vault at {location} has format version {header.Version}; this Amparo reads version 1.");
            }

            return header;
        }
        catch (JsonException ex)
        {
            throw new EvidenceIntegrityException($"The vault header at {location} is damaged: {ex.Message}");
        }
    }
}

/// <summary>The vault's bundle-signing key pair: the public half in clear, the private half sealed under the data key.</summary>
public sealed record SigningKeyInfo
{
    public string Algorithm { get; init; } = "ECDSA-P256-SHA256";

    public required string PublicKeyPem { get; init; }

    /// <summary>Base64 sealed box (AES-256-GCM) of the PKCS#8 private key.</summary>
    public required string PrivateKey { get; init; }
}
