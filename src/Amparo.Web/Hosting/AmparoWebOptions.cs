namespace Amparo.Web.Hosting;

/// <summary>The "Amparo" configuration section (appsettings.json, AMPARO__* environment variables, command line).</summary>
public sealed class AmparoWebOptions
{
    public const string Section = "Amparo";

    /// <summary>Where the database and stored files live; defaults to the per-user data folder (see <see cref="ResolveDataDirectory"/>).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Largest upload (all files of one request together), in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Largest JSON body accepted by /api/v1 (the batch score endpoint), in bytes.</summary>
    public long MaxApiBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Sustained requests per second one API client may make; bursts up to the same number are allowed.</summary>
    public int ApiRequestsPerSecond { get; set; } = 10_000;

    /// <summary>Login and registration attempts per minute from one address.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>PBKDF2 iterations for dashboard passwords (ASP.NET Core Identity's default when null).</summary>
    public int? PasswordIterations { get; set; }

    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>
    /// Passphrase of the evidence vault (else <c>AMPARO_PASSPHRASE</c>). When neither is set, a random one is made on
    /// first start and kept in <c>vault.key</c> beside the vault, readable only by this user — see the README.
    /// </summary>
    public string? VaultPassphrase { get; set; }

    /// <summary>PBKDF2 iterations for a new vault; null keeps the vault's default. Lower only in tests.</summary>
    public int? VaultKdfIterations { get; set; }

    /// <summary>
    /// The data folder: the configured one, else <c>AMPARO_DATA</c>, else the per-user folder
    /// (<c>~/.local/share/amparo/web</c> on Linux), so a checkout never collects evidence by accident.
    /// </summary>
    public string ResolveDataDirectory()
    {
        string? dir = DataDirectory;
        if (string.IsNullOrWhiteSpace(dir))
        {
            dir = Environment.GetEnvironmentVariable("AMPARO_DATA");
        }

        if (string.IsNullOrWhiteSpace(dir))
        {
            string baseDir = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
            if (string.IsNullOrEmpty(baseDir))
            {
                baseDir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            dir = Path.Combine(baseDir, "amparo", "web");
        }

        return Path.GetFullPath(dir);
    }
}

public sealed class WebhookOptions
{
    /// <summary>Attempts per delivery, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
