using Amparo.Detection;
using Amparo.Detection.Indicators;
using Amparo.Detection.Model;
using Amparo.Importers;

namespace Amparo.Web.Hosting;

/// <summary>
/// The engine parts the host calls: importers, detection, evidence, reporting. A part that is not in the build is
/// simply not registered; endpoints that need it answer 503 and name it, rather than inventing a result.
/// </summary>
internal static class Engines
{
    public static IServiceCollection AddAmparoEngines(this IServiceCollection services)
    {
        // Screenshots go through OCR like any other export: the transcript is derived, the image stays the evidence.
        services.AddSingleton(_ => new ChatImporter([.. KnownImporters.All, new Amparo.Ocr.ScreenshotImporter()]));
        services.AddSingleton<IIndicatorMatcher>(_ => IndicatorCatalog.Default);
        services.AddSingleton(sp => new DetectionEngine(GroomingModel.Default, sp.GetRequiredService<IIndicatorMatcher>()));
        services.AddSingleton<IConversationAnalyzer>(sp => sp.GetRequiredService<DetectionEngine>());
        services.AddSingleton<IStreamingDetector>(sp => sp.GetRequiredService<DetectionEngine>().CreateStreamingDetector());
        return services;
    }

    /// <summary>Loads the model at start-up so the first request does not pay for it.</summary>
    public static void WarmUp(IServiceProvider services) => _ = services.GetService<IStreamingDetector>();
}
