using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Amparo.Web.Storage;
using Dapper;

namespace Amparo.Web.Api;

/// <summary>A platform client, as known from its API key. <see cref="OwnerId"/> is the tenant: alerts, streams and webhooks belong to it.</summary>
public sealed record ApiClient(string KeyId, string OwnerId, string Name);

public sealed record ApiKeyInfo(string Id, string Name, string Prefix, string Created, string? Revoked);

/// <summary>
/// API keys are 256 random bits shown once; only their SHA-256 is stored (a high-entropy key needs no slow hash).
/// Lookups are cached in memory so the streaming endpoint does not touch the database per request.
/// </summary>
public sealed class ApiKeyStore(Database db, TimeProvider time)
{
    public const string KeyPrefix = "amp_";
    private readonly ConcurrentDictionary<string, ApiClient?> _cache = new(StringComparer.Ordinal);

    public async Task<(ApiKeyInfo Info, string Key)> CreateAsync(string ownerId, string name, CancellationToken ct)
    {
        string key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var info = new ApiKeyInfo(Ids.New("key"), name, key[..12], Ids.Time(time.GetUtcNow()), null);
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO api_keys(id,owner_id,name,prefix,key_hash,created) VALUES(@Id,@ownerId,@Name,@Prefix,@hash,@Created)",
            new { info.Id, ownerId, info.Name, info.Prefix, hash = Hash(key), info.Created });
        return (info, key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string ownerId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string id, string name, string prefix, string created, string? revoked)>(
            "SELECT id,name,prefix,created,revoked FROM api_keys WHERE owner_id=@ownerId ORDER BY created", new { ownerId });
        return rows.Select(r => new ApiKeyInfo(r.id, r.name, r.prefix, r.created, r.revoked)).ToList();
    }

    public async Task<bool> RevokeAsync(string ownerId, string keyId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        int n = await c.ExecuteAsync(
            "UPDATE api_keys SET revoked=@t WHERE id=@keyId AND owner_id=@ownerId AND revoked IS NULL",
            new { t = Ids.Time(time.GetUtcNow()), keyId, ownerId });
        _cache.Clear();
        return n == 1;
    }

    /// <summary>The client a presented key belongs to, or null for an unknown or revoked key.</summary>
    public async ValueTask<ApiClient?> FindAsync(string presentedKey, CancellationToken ct)
    {
        if (!presentedKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || presentedKey.Length > 100)
        {
            return null;
        }

        string hash = Hash(presentedKey);
        if (_cache.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string id, string owner_id, string name)?>(
            "SELECT id, owner_id, name FROM api_keys WHERE key_hash=@hash AND revoked IS NULL", new { hash });
        var client = row is { } r ? new ApiClient(r.id, r.owner_id, r.name) : null;
        if (client is not null || _cache.Count < 10_000)
        {
            _cache[hash] = client;
        }

        return client;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
