using System.Text;
using Amparo.Core;
using Amparo.Core.Interchange;
using Amparo.Testing;

namespace Amparo.Importers.Tests;

/// <summary>Helpers for the app importers' tests (WhatsApp, Telegram, Discord, Meta, zip).</summary>
internal static class AppsTestKit
{
    public static string Fixture(params string[] parts) => RepoPaths.InRepo(["tests", "Amparo.Importers.Tests", "Fixtures", .. parts]);

    public static Task<ImportResult> ImportAsync(string path, ImportOptions? options = null) =>
        KnownImporters.CreateDefault().ReadAllAsync(path, options);

    /// <summary>Imports bytes as if they were a file of that name.</summary>
    public static async Task<ImportResult> ImportBytesAsync(byte[] content, string fileName, ImportOptions? options = null)
    {
        var input = new ImportInput { FileName = fileName, Open = () => new MemoryStream(content, writable: false), Length = content.Length, Options = options ?? ImportOptions.Default };
        var conversations = new List<Conversation>();
        var diagnostics = new List<ImportDiagnostic>();
        await foreach (var item in KnownImporters.CreateDefault().ReadAsync(input))
        {
            if (item.Conversation is { } c)
            {
                conversations.Add(c);
            }

            if (item.Diagnostic is { } d)
            {
                diagnostics.Add(d);
            }
        }

        return new ImportResult { Conversations = conversations, Diagnostics = diagnostics };
    }

    /// <summary>
    /// Compares the interchange JSONL of an import with a committed <c>.golden.jsonl</c> beside the fixture.
    /// Set AMPARO_UPDATE_GOLDEN=1 to rewrite the golden files (then review the diff before committing).
    /// </summary>
    public static void MatchesGolden(ImportResult result, string fixturePath)
    {
        var sb = new StringBuilder();
        foreach (var c in result.Conversations)
        {
            sb.Append(InterchangeJsonl.ToJson(c)).Append('\n');
        }

        string golden = fixturePath + ".golden.jsonl";
        if (Environment.GetEnvironmentVariable("AMPARO_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, sb.ToString());
        }

        File.Exists(golden).ShouldBeTrue($"golden file missing: {golden} (run with AMPARO_UPDATE_GOLDEN=1 once)");
        sb.ToString().ShouldBe(File.ReadAllText(golden));
    }
}
