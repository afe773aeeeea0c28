using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Amparo.Web.Tests.Infrastructure;

/// <summary>The real app over a fresh SQLite data folder per instance.</summary>
public class AmparoFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public AmparoFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "amparo-web-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Amparo:DataDirectory"] = DataDirectory,
            // Fast hashing in tests; production keeps Identity's default (100,000 iterations).
            ["Amparo:PasswordIterations"] = "1000",
            ["Amparo:Webhooks:FirstRetryDelay"] = "00:00:00.050",
            // A cheap vault key derivation in tests; production keeps the vault's 600,000 iterations.
            ["Amparo:VaultKdfIterations"] = "1000",
            ["Amparo:VaultPassphrase"] = "test vault passphrase",
        };
        foreach (var (k, v) in settings ?? [])
        {
            _settings[k] = v;
        }

        _services = services;
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }

        builder.UseEnvironment("Testing");
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public DashboardClient Dashboard() => new(CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
