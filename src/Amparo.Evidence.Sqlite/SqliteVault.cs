namespace Amparo.Evidence.Sqlite;

/// <summary>Opens or creates the default (SQLite + folder) vault.</summary>
public static class SqliteVault
{
    /// <summary>The per-user default: <c>LocalApplicationData/amparo/vault</c>.</summary>
    public static string DefaultFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "amparo", "vault");

    /// <summary>True when a vault exists in <paramref name="folder"/>.</summary>
    public static async Task<bool> ExistsAsync(string folder, CancellationToken cancellationToken = default)
    {
        await using var store = new SqliteVaultStore(folder);
        return await store.ReadHeaderAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public static Task<EvidenceVault> CreateAsync(string folder, string passphrase, VaultOptions? options = null, CancellationToken cancellationToken = default) =>
        EvidenceVault.CreateAsync(new SqliteVaultStore(folder), passphrase, options, cancellationToken);

    public static Task<EvidenceVault> OpenAsync(string folder, string passphrase, VaultOptions? options = null, CancellationToken cancellationToken = default) =>
        EvidenceVault.OpenAsync(new SqliteVaultStore(folder), passphrase, options, cancellationToken);
}
