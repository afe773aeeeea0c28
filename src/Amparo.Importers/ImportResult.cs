using Amparo.Core;

namespace Amparo.Importers;

/// <summary>Everything read from one or more inputs.</summary>
public sealed record ImportResult
{
    public IReadOnlyList<Conversation> Conversations { get; init; } = [];

    /// <summary>Diagnostics about inputs as a whole (unknown format, unreadable file, unsafe archive entry).</summary>
    public IReadOnlyList<ImportDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when nothing usable came out and at least one error explains why.</summary>
    public bool IsUnusable => Conversations.Count == 0 && Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
