namespace Amparo.Core;

/// <summary>
/// A stretch of a message's text that text recognition was unsure of, so a reader knows which words to check
/// against the original image. The text itself is never altered to mark it.
/// </summary>
/// <param name="Start">Offset of the first character in <see cref="Message.Text"/>.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Confidence">The recogniser's confidence for the span, 0..1.</param>
public readonly record struct LowConfidenceSpan(int Start, int Length, double Confidence);
