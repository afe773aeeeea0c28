namespace Amparo.Core.Interchange;

/// <summary>
/// One line of an interchange JSONL file: a conversation, or the diagnostic that says why the line could not
/// be read. Evaluation files add <c>label</c> (0|1) and <c>suspect</c>; they are carried here when present.
/// </summary>
public sealed record InterchangeRecord
{
    /// <summary>1-based line in the file.</summary>
    public required long Line { get; init; }

    /// <summary>Null when the line was unusable (see <see cref="Diagnostic"/>).</summary>
    public Conversation? Conversation { get; init; }

    /// <summary>Set when the line was unusable or partly repaired.</summary>
    public ImportDiagnostic? Diagnostic { get; init; }

    /// <summary>The optional <c>label</c> field: 1 grooming, 0 not.</summary>
    public int? Label { get; init; }

    /// <summary>The optional <c>suspect</c> field: the author labelled as the offender.</summary>
    public string? Suspect { get; init; }
}
