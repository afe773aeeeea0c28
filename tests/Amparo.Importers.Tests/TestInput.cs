using System.Text;
using Amparo.Core;

namespace Amparo.Importers.Tests;

/// <summary>Builds importer inputs from text, bytes or generated streams, and collects what comes out.</summary>
internal static class TestInput
{
    public static ImportInput FromText(string name, string text, ImportOptions? options = null) =>
        FromBytes(name, Encoding.UTF8.GetBytes(text), options);

    public static ImportInput FromBytes(string name, byte[] bytes, ImportOptions? options = null) => new()
    {
        FileName = name,
        Open = () => new MemoryStream(bytes, writable: false),
        Length = bytes.Length,
        Options = options ?? ImportOptions.Default,
    };

    public static ImportInput FromFile(string path, ImportOptions? options = null) => new()
    {
        FileName = Path.GetFileName(path),
        Open = () => File.OpenRead(path),
        Length = new FileInfo(path).Length,
        Options = options ?? ImportOptions.Default,
    };

    public static async Task<(List<Conversation> Conversations, List<ImportDiagnostic> Diagnostics)> ReadAsync(IChatImporter importer, ImportInput input)
    {
        var conversations = new List<Conversation>();
        var diagnostics = new List<ImportDiagnostic>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var item in importer.ReadAsync(input, cts.Token))
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

        return (conversations, diagnostics);
    }

    /// <summary>Everything a reader of the import sees: file-level and per-conversation diagnostics.</summary>
    public static IEnumerable<ImportDiagnostic> AllDiagnostics(this (List<Conversation> Conversations, List<ImportDiagnostic> Diagnostics) result) =>
        result.Diagnostics.Concat(result.Conversations.SelectMany(c => c.Diagnostics));
}
