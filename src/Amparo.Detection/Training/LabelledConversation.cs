namespace Amparo.Detection.Training;

/// <summary>Where a training or evaluation conversation came from; the model's known biases follow the source.</summary>
public enum CorpusSource
{
    /// <summary>Perverted-Justice: an offender and an adult decoy posing as a child (positive).</summary>
    PervertedJustice,
    /// <summary>Ubuntu IRC technical chat (benign).</summary>
    IrcUbuntu,
    /// <summary>VTPAN/PAN-2012 segment; negatives include adult sexual chat (the hard negatives).</summary>
    Vtpan,
    /// <summary>Anything else, for example a labelled interchange file.</summary>
    Other,
}

/// <summary>One chat line of a labelled conversation: who wrote it and what.</summary>
public readonly record struct ChatLine(string Author, string Text);

/// <summary>
/// A conversation with its ground truth, as the trainer and the held-out evaluation see it.
/// </summary>
/// <param name="Id">Stable id, for example <c>pj/nick/3</c>.</param>
/// <param name="Group">The split unit: the offender (so no offender is in both train and test), the IRC log, or the segment.</param>
/// <param name="Source">The corpus it was read from.</param>
/// <param name="Label">1 grooming, 0 not.</param>
/// <param name="Suspect">The offender's author name for positives, when known.</param>
/// <param name="Lines">The messages in order.</param>
/// <param name="Segment">0-based segment number within its source chat (0 = the chat's start).</param>
public sealed record LabelledConversation(
    string Id,
    string Group,
    CorpusSource Source,
    int Label,
    string? Suspect,
    IReadOnlyList<ChatLine> Lines,
    int Segment = 0);
