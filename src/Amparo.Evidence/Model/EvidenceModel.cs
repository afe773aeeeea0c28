namespace Amparo.Evidence;

/// <summary>A case: one worrying situation, with its evidence, notes and what is known about the suspect.</summary>
public sealed record EvidenceCase
{
    /// <summary>Short stable id such as <c>C-0001</c>.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Notes { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}

/// <summary>Whether an item is exactly what someone handed in, or something Amparo made from it.</summary>
public enum ItemRole
{
    /// <summary>The file exactly as received; never modified.</summary>
    Original,

    /// <summary>Made from an original (an imported conversation, an analysis); linked to it by hash.</summary>
    Derived,
}

/// <summary>Well-known <see cref="EvidenceItem.Kind"/> values.</summary>
public static class ItemKinds
{
    public const string File = "file";
    public const string Conversation = "conversation";
    public const string Analysis = "analysis";
}

/// <summary>Who captured a piece of evidence, when, and with what.</summary>
public sealed record CaptureMetadata
{
    public string? CapturedBy { get; init; }

    public DateTimeOffset? CapturedAt { get; init; }

    /// <summary>The device the evidence was taken from ("Ana's phone, Android 14").</summary>
    public string? Device { get; init; }

    /// <summary>The app it came from ("WhatsApp 2.24").</summary>
    public string? App { get; init; }

    /// <summary>Free text on where it came from ("exported from the chat with 'gamer_12'").</summary>
    public string? Source { get; init; }
}

/// <summary>One stored item of a case.</summary>
public sealed record EvidenceItem
{
    public required string CaseId { get; init; }

    /// <summary>The sequence number of the custody log entry that added it (unique within the case).</summary>
    public required long Id { get; init; }

    public required ItemRole Role { get; init; }

    /// <summary>One of <see cref="ItemKinds"/> (or another short lower-case word).</summary>
    public required string Kind { get; init; }

    /// <summary>The name it was handed in under (no folders).</summary>
    public required string FileName { get; init; }

    public required string MediaType { get; init; }

    public required long Size { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content: the item's address in the vault.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Lower-case hex MD5, kept because some hotlines still ask for it.</summary>
    public required string Md5 { get; init; }

    /// <summary>For derived items: the SHA-256 of the original it was made from.</summary>
    public string? DerivedFrom { get; init; }

    public string? Description { get; init; }

    public CaptureMetadata? Capture { get; init; }

    /// <summary>Set by the person adding it: the file may show a minor. Such files are never rendered anywhere.</summary>
    public bool MayDepictMinor { get; init; }

    public required DateTimeOffset AddedAt { get; init; }

    public required string AddedBy { get; init; }

    /// <summary>
    /// True when reports and pages must show a placeholder with the hash instead of the content: every image
    /// and video (Amparo cannot know whether it shows a child) and anything flagged <see cref="MayDepictMinor"/>.
    /// </summary>
    public bool ShowAsPlaceholder => MayDepictMinor || MediaType.StartsWith("image/", StringComparison.Ordinal) || MediaType.StartsWith("video/", StringComparison.Ordinal);
}

/// <summary>A note someone wrote about the case.</summary>
public sealed record CaseNote
{
    public required long Id { get; init; }

    public required string Text { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Author { get; init; }
}

/// <summary>One way to find the suspect again. <see cref="Kind"/> is one of <see cref="Amparo.Core.IdentifierKinds"/>.</summary>
public sealed record SuspectIdentifier(string Kind, string Value);

/// <summary>Everything a case holds, as currently stored.</summary>
public sealed record CaseContents
{
    public required EvidenceCase Case { get; init; }

    public IReadOnlyList<EvidenceItem> Items { get; init; } = [];

    public IReadOnlyList<CaseNote> Notes { get; init; } = [];

    public IReadOnlyList<SuspectIdentifier> Suspect { get; init; } = [];
}

/// <summary>What to record when a case is opened.</summary>
public sealed record NewCase
{
    public required string Title { get; init; }

    public string? Notes { get; init; }
}

/// <summary>What to record with an original.</summary>
public sealed record NewOriginal
{
    public required string FileName { get; init; }

    /// <summary>Leave null to have it recognised from the content.</summary>
    public string? MediaType { get; init; }

    public string Kind { get; init; } = ItemKinds.File;

    public string? Description { get; init; }

    public CaptureMetadata? Capture { get; init; }

    public bool MayDepictMinor { get; init; }
}

/// <summary>What to record with a derived item.</summary>
public sealed record NewDerived
{
    /// <summary>SHA-256 of the original (in the same case) it was made from.</summary>
    public required string DerivedFrom { get; init; }

    public required string Kind { get; init; }

    public required string FileName { get; init; }

    public required string MediaType { get; init; }

    public string? Description { get; init; }
}

/// <summary>One entry of a case's custody log, as read back.</summary>
public sealed record CustodyEntry
{
    public required long Seq { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string CaseId { get; init; }

    public required string Actor { get; init; }

    /// <summary>One of <see cref="CustodyActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>SHA-256 of every item the action touched.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>Hash of the previous entry (64 zeros for the first).</summary>
    public required string Previous { get; init; }

    /// <summary>SHA-256 of this entry's exact bytes.</summary>
    public required string Hash { get; init; }

    /// <summary>The entry exactly as hashed (one line of UTF-8 JSON).</summary>
    public required string Line { get; init; }
}

/// <summary>The actions a custody log records.</summary>
public static class CustodyActions
{
    public const string CaseCreate = "case.create";
    public const string ItemAdd = "item.add";
    public const string ItemDerive = "item.derive";
    public const string NoteAdd = "note.add";
    public const string SuspectAdd = "suspect.add";
    public const string CaseExport = "case.export";
}
