using System.Net.Http.Headers;
using Amparo.Detection;
using Amparo.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Amparo.Web.Tests.Api;

public static class ApiFactory
{
    /// <summary>The app with the scripted detector in place of the real one (see <see cref="ScriptedDetector"/>).</summary>
    public static AmparoFactory WithScriptedDetection(ScriptedDetector detector, Dictionary<string, string?>? settings = null) =>
        new(settings, services =>
        {
            services.RemoveAll<IStreamingDetector>();
            services.RemoveAll<IConversationAnalyzer>();
            services.AddSingleton<IStreamingDetector>(detector);
            services.AddSingleton<IConversationAnalyzer>(new ScriptedAnalyzer());
        });

    /// <summary>A moderator account with an API key, and an HTTP client that sends it.</summary>
    public static async Task<(HttpClient Api, DashboardClient Dashboard)> PlatformClientAsync(AmparoFactory factory, string email = "mod@example.org")
    {
        var dashboard = factory.Dashboard();
        await dashboard.RegisterAsync(email);
        // The first account of a fresh install is the admin, which may use the platform side.
        if (!await IsPlatformAsync(dashboard))
        {
            throw new InvalidOperationException("register the platform account first");
        }

        string key = await dashboard.CreateApiKeyAsync();
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (api, dashboard);
    }

    private static async Task<bool> IsPlatformAsync(DashboardClient dashboard) =>
        (await dashboard.Http.GetAsync("/app/platform/keys")).IsSuccessStatusCode;
}
