using System.Security.Cryptography;
using Amparo.Evidence;
using Amparo.Evidence.Sqlite;
using Amparo.Web.Hosting;
using Amparo.Web.Storage;
using Microsoft.Extensions.Options;

namespace Amparo.Web.Cases;

/// <summary>
/// The dashboard's evidence vault (Amparo.Evidence over SQLite, in <c>&lt;data&gt;/vault</c>): originals encrypted and
/// content-addressed, a hash-chained custody log with the signed-in user as actor, verification and sealed export.
/// Opened once at start-up.
/// </summary>
public sealed class VaultHost(Database db, IOptions<AmparoWebOptions> options, TimeProvider time, ILogger<VaultHost> logger) : IAsyncDisposable
{
    private IEvidenceVault? _vault;

    public IEvidenceVault Vault => _vault ?? throw new InvalidOperationException("the vault is not open yet");

    public string Folder => Path.Combine(db.DataDirectory, "vault");

    public async Task OpenAsync(CancellationToken ct)
    {
        string passphrase = Passphrase();
        var vaultOptions = new VaultOptions { TimeProvider = time };
        if (options.Value.VaultKdfIterations is { } n)
        {
            vaultOptions = vaultOptions with { KdfIterations = n };
        }

        _vault = await SqliteVault.ExistsAsync(Folder, ct)
            ? await SqliteVault.OpenAsync(Folder, passphrase, vaultOptions, ct)
            : await SqliteVault.CreateAsync(Folder, passphrase, vaultOptions, ct);
    }

    private string Passphrase()
    {
        string? configured = options.Value.VaultPassphrase ?? Environment.GetEnvironmentVariable("AMPARO_PASSPHRASE");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        // A local dashboard cannot ask for a passphrase on every request. The generated one protects copies of the
        // vault folder taken without vault.key (backups, a synced folder); set AMPARO_PASSPHRASE for more.
        string keyFile = Path.Combine(db.DataDirectory, "vault.key");
        if (!File.Exists(keyFile))
        {
            string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var w = new StreamWriter(keyFile, System.Text.Encoding.ASCII, create))
            {
                w.Write(key);
            }

            logger.LogWarning("No vault passphrase configured: generated one in {KeyFile}. Set AMPARO_PASSPHRASE to keep it elsewhere.", keyFile);
        }

        return File.ReadAllText(keyFile).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (_vault is not null)
        {
            await _vault.DisposeAsync();
        }
    }
}
