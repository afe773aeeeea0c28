namespace Amparo.Core;

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// Something an importer noticed and worked around (or could not): a bad line, a skipped entry, an
/// unsafe zip member. Importers return these instead of failing at the first problem.
/// </summary>
/// <param name="Severity">Error means data was lost; Warning means it was repaired or guessed.</param>
/// <param name="File">The file name the problem is in.</param>
/// <param name="Line">1-based line (or record number for non-line formats), when known.</param>
/// <param name="Message">A plain sentence saying what was wrong and what was done.</param>
public sealed record ImportDiagnostic(DiagnosticSeverity Severity, string File, long? Line, string Message)
{
    public override string ToString() =>
        Line is { } line ? $"{Severity}: {File}:{line}: {Message}" : $"{Severity}: {File}: {Message}";
}
