namespace Amparo.Reporting.Prevention;

/// <summary>One thing to check on a device or account.</summary>
public sealed record ChecklistItem(string Id, string Text);

/// <summary>A group of checks (the device, accounts and passwords, privacy settings, what not to post).</summary>
public sealed record ChecklistSection(string Id, string Title, IReadOnlyList<ChecklistItem> Items);

/// <summary>The device and account checklist, in one language.</summary>
public sealed record Checklist(string Title, IReadOnlyList<ChecklistSection> Sections);

/// <summary>
/// The device and account checklist (updates, antivirus, strong unique passwords, privacy settings, what not to
/// post) in English and Spanish. Guidance steps point here through <see cref="Guidance.GuidanceStep.SeeAlso"/> = <c>checklist</c>.
/// </summary>
public static class PreventionChecklist
{
    private static readonly Lazy<IReadOnlyDictionary<string, Checklist>> Data = new(() =>
        Languages.All.ToDictionary(l => l, l => EmbeddedResources.ReadJson<Checklist>($"prevention/checklist.{l}.json"), StringComparer.Ordinal));

    /// <summary>The checklist in a language (anything but Spanish gives English).</summary>
    public static Checklist For(string? language) => Data.Value[Languages.Normalize(language)];
}
