namespace Amparo.Core;

/// <summary>One way a participant can be found again: a phone number, a username, a profile address.</summary>
/// <param name="Kind">One of <see cref="IdentifierKinds"/>.</param>
/// <param name="Value">As written in the export.</param>
public sealed record ParticipantIdentifier(string Kind, string Value);

/// <summary>Well-known <see cref="ParticipantIdentifier.Kind"/> values.</summary>
public static class IdentifierKinds
{
    public const string Phone = "phone";
    public const string Username = "username";
    public const string UserId = "user-id";
    public const string Email = "email";
    public const string ProfileUrl = "profile-url";
}

/// <summary>A person in a conversation, as the export names them.</summary>
public sealed record Participant
{
    /// <summary>Stable within the conversation; what <see cref="Message.AuthorId"/> refers to.</summary>
    public required string Id { get; init; }

    /// <summary>The name shown in the export.</summary>
    public required string DisplayName { get; init; }

    public IReadOnlyList<ParticipantIdentifier> Identifiers { get; init; } = [];

    /// <summary>True when the format says this is the person who exported the chat; null when it does not say.</summary>
    public bool? IsExporter { get; init; }
}
