using System.Security.Claims;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Detection.Indicators;
using Amparo.Evidence;
using Amparo.Reporting.Complaint;
using Amparo.Web.Conversations;

namespace Amparo.Web.Cases;

/// <summary>Builds the complaint report (Amparo.Reporting) for a case from its stored conversation, analysis and vault.</summary>
public sealed class ReportService(ConversationStore conversations, VaultHost vault, IServiceProvider services, TimeProvider time)
{
    /// <summary>
    /// The report for one conversation of the case (<paramref name="conversationId"/>), or for the one with the highest
    /// risk; null when the case has no analysed conversation (or not that one).
    /// </summary>
    public async Task<ComplaintReportModel?> BuildAsync(CaseInfo caseInfo, string? conversationId, ClaimsPrincipal user, string language, CancellationToken ct)
    {
        var candidates = (await conversations.ForCaseAsync(caseInfo.Id, ct)).Where(c => c.Analyzed).ToList();
        var chosen = conversationId is null
            ? candidates.OrderByDescending(c => Levels.Rank(c.Level)).ThenByDescending(c => c.Risk).FirstOrDefault()
            : candidates.FirstOrDefault(c => string.Equals(c.Id, conversationId, StringComparison.Ordinal));
        if (chosen is null || await conversations.GetAsync(chosen.Id, caseInfo.OwnerId, ct) is not { Analysis: not null } record)
        {
            return null;
        }

        var contents = await vault.Vault.GetCaseAsync(caseInfo.VaultCaseId, ct);
        var custody = await vault.Vault.ReadCustodyLogAsync(caseInfo.VaultCaseId, ct);
        var verification = await vault.Vault.VerifyAsync(caseInfo.VaultCaseId, ct);
        var input = new ComplaintReportInput
        {
            Conversation = ToConversation(record),
            Analysis = ToAnalysis(record),
            Reporter = new ReporterInfo(user.FindFirstValue(ClaimTypes.Name) ?? "", null, user.FindFirstValue(ClaimTypes.Email)),
            Evidence = new CaseEvidenceInfo
            {
                CaseId = caseInfo.Id,
                Items = contents.Items.Select(i => new EvidenceItemInfo
                {
                    Name = i.FileName,
                    Sha256 = i.Sha256,
                    Md5 = i.Md5,
                    Size = i.Size,
                    MediaType = i.MediaType,
                    Kind = i.Role == ItemRole.Original ? "original" : i.Kind,
                    CapturedBy = i.Capture?.CapturedBy,
                    CapturedAt = i.Capture?.CapturedAt,
                    Device = i.Capture?.Device,
                    App = i.Capture?.App,
                    IsImage = i.ShowAsPlaceholder,
                }).ToList(),
                Custody = custody.Select(e => new CustodyEntryInfo((int)e.Seq, e.Time, e.Actor, e.Action, e.Hash)).ToList(),
                CustodyVerified = verification.IsIntact,
                SuspectIdentifiers = contents.Suspect.Select(s => new ParticipantIdentifier(s.Kind, s.Value)).ToList(),
            },
            Language = language,
            CaseId = caseInfo.Id,
            Indicators = services.GetService<IIndicatorMatcher>()?.Definitions,
            Platform = record.Summary.Source,
        };
        return ComplaintReportBuilder.Build(input, time);
    }

    /// <summary>The stored conversation back as the Core model (what the importer produced).</summary>
    public static Conversation ToConversation(ConversationRecord record) => new()
    {
        Id = record.Summary.SourceId,
        Source = Enum.TryParse<SourceApp>(record.Summary.Source, out var app) ? app : SourceApp.Unknown,
        Title = record.Summary.Title,
        Participants = record.Body.Participants.Select(p => new Participant
        {
            Id = p.Id,
            DisplayName = p.Name,
            Identifiers = p.Identifiers.Select(i => new ParticipantIdentifier(i.Kind, i.Value)).ToList(),
        }).ToList(),
        Messages = record.Body.Messages.Select(m => new Message
        {
            Index = m.Index,
            AuthorId = m.AuthorId,
            Time = MessageTime.TryParseInterchange(m.Time, out var t) ? t : MessageTime.Unknown,
            Text = m.Text,
            Kind = Enum.TryParse<MessageKind>(m.Kind, ignoreCase: true, out var k) ? k : MessageKind.Text,
            Attachments = m.Attachments.Select(a => new Attachment { FileName = a.FileName, Omitted = a.Omitted, Sha256 = a.Sha256 }).ToList(),
        }).ToList(),
    };

    public static ConversationAnalysis ToAnalysis(ConversationRecord record)
    {
        var a = record.Analysis!;
        return new ConversationAnalysis
        {
            ConversationId = record.Summary.SourceId,
            Risk = a.Risk,
            Alert = a.Alert,
            Level = Enum.TryParse<RiskLevel>(a.Level, ignoreCase: true, out var level) ? level : RiskLevel.None,
            Suspect = a.Suspect,
            FirstAlert = a.FirstAlert,
            Indicators = a.Indicators.Select(i => new IndicatorHit(i.Id, i.Message, i.Evidence)).ToList(),
            Timeline = a.Timeline,
            Stages = a.Stages.Select(s => new StageSpan(s.Stage, s.FirstMessage, s.LastMessage, s.Hits)).ToList(),
        };
    }
}
