using Amparo.Importers;

namespace Amparo.Web.Hosting;

/// <summary>
/// The engine parts the host calls: importers, detection, evidence, reporting. Detection, evidence and reporting
/// are registered only when their implementation is part of the build; endpoints that need a missing part
/// answer 503 and say which part is missing, rather than inventing a result.
/// </summary>
internal static class Engines
{
    public static IServiceCollection AddAmparoEngines(this IServiceCollection services)
    {
        services.AddSingleton(_ => KnownImporters.CreateDefault());
        return services;
    }
}
