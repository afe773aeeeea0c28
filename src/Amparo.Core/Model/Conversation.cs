namespace Amparo.Core;

/// <summary>One chat thread, with everything an importer learned about it.</summary>
public sealed record Conversation
{
    /// <summary>Stable id: from the export when it has one, otherwise derived from the file.</summary>
    public required string Id { get; init; }

    public SourceApp Source { get; init; } = SourceApp.Unknown;

    /// <summary>The chat's title (group name or the other person's name), when the export gives one.</summary>
    public string? Title { get; init; }

    public IReadOnlyList<Participant> Participants { get; init; } = [];

    /// <summary>Oldest first; <see cref="Message.Index"/> equals the position in this list.</summary>
    public IReadOnlyList<Message> Messages { get; init; } = [];

    public IReadOnlyList<ImportDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>The file (name only) the conversation was read from.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Finds a participant by id.</summary>
    public Participant? FindParticipant(string id)
    {
        foreach (var p in Participants)
        {
            if (string.Equals(p.Id, id, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The display name of a message's author, or its id when unknown.</summary>
    public string AuthorName(Message message) => FindParticipant(message.AuthorId)?.DisplayName ?? message.AuthorId;
}
