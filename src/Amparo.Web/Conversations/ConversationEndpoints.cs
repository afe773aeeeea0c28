using System.Security.Claims;
using Amparo.Detection.Indicators;
using Amparo.Web.Accounts;
using Amparo.Web.Cases;

namespace Amparo.Web.Conversations;

public sealed record IndicatorView(string Id, string Name, string Description, string Severity, string Family, string Party, string? Stage);

public static class ConversationEndpoints
{
    public static void MapConversations(this RouteGroupBuilder app)
    {
        var g = app.MapGroup("/conversations").RequireAuthorization(Policies.Dashboard);

        g.MapGet("/{id}", async (string id, string? lang, ClaimsPrincipal user, ConversationStore conversations, IServiceProvider services, CancellationToken ct) =>
        {
            var record = await conversations.GetAsync(id, user.UserId(), ct);
            if (record is null)
            {
                return Results.NotFound();
            }

            string language = lang == "es" ? "es" : "en";
            var matcher = services.GetService<IIndicatorMatcher>();
            var used = record.Analysis?.Indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal) ?? [];
            var indicators = matcher is null
                ? []
                : matcher.Definitions.Where(d => used.Contains(d.Id)).Select(d => Describe(d, language)).ToList();
            return Results.Ok(new
            {
                record.Summary,
                record.Body.Participants,
                record.Body.Messages,
                record.Body.Diagnostics,
                record.Analysis,
                Indicators = indicators,
                Guidance = GuidanceSource.For(record.Analysis, language),
            });
        });
    }

    public static IndicatorView Describe(IndicatorDefinition d, string language) => new(
        d.Id, d.Name(language), d.Description(language), d.Severity.ToString().ToLowerInvariant(), d.Family,
        d.Party.ToString().ToLowerInvariant(), d.Stage);
}

/// <summary>One "what to do now" step from Amparo.Reporting's guidance, fitted to the findings.</summary>
public sealed record GuidanceView(string Id, string Title, string Text, IReadOnlyList<string> Links);

internal static class GuidanceSource
{
    public static IReadOnlyList<GuidanceView> For(StoredAnalysis? analysis, string language)
    {
        if (analysis is null)
        {
            return [];
        }

        var level = Enum.TryParse<Amparo.Detection.RiskLevel>(analysis.Level, ignoreCase: true, out var l) ? l : Amparo.Detection.RiskLevel.None;
        return Amparo.Reporting.Guidance.GuidanceCatalog.For(level, analysis.Indicators.Select(i => i.Id).Distinct(StringComparer.Ordinal), language)
            .Select(s => new GuidanceView(s.Id, s.Title, s.Text, s.Links.Where(u => u.StartsWith("https://", StringComparison.Ordinal)).ToList()))
            .ToList();
    }
}
