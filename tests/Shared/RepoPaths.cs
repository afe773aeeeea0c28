namespace Amparo.Testing;

/// <summary>Finds the repository root and the shared data folder (<c>../shared/data</c> beside the clone).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds <c>Amparo.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>
    /// The shared data folder: <c>AMPARO_SHARED_DATA</c> when set, otherwise <c>../shared/data</c> from the root.
    /// Fails with a message naming the missing path, as the data README asks.
    /// </summary>
    public static string SharedData
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("AMPARO_SHARED_DATA")
                ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"The shared data folder is missing: {path} (set AMPARO_SHARED_DATA)");
            }

            return path;
        }
    }

    /// <summary>A path under the shared data folder, checked to exist.</summary>
    public static string Data(params string[] parts)
    {
        string path = Path.Combine([SharedData, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Shared test data is missing: {path}", path);
        }

        return path;
    }

    /// <summary>A path under the repository root.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Amparo.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Amparo.slnx not found above " + AppContext.BaseDirectory);
    }
}
