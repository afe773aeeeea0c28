namespace Amparo.Reporting.Guidance;

/// <summary>One thing to do now, in the reader's language.</summary>
/// <param name="Id">Stable id (<c>do-not-pay</c>, <c>take-it-down</c>, …), the same in every language.</param>
/// <param name="Title">A short imperative line.</param>
/// <param name="Text">One or two calm sentences saying how and why.</param>
/// <param name="Links">Web addresses the step refers to, if any.</param>
/// <param name="SeeAlso">Another Amparo resource the step points to (<c>checklist</c>), or null.</param>
public sealed record GuidanceStep(string Id, string Title, string Text, IReadOnlyList<string> Links, string? SeeAlso);
