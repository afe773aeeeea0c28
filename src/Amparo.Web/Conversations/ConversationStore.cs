using System.Text.Json;
using Amparo.Web.Storage;
using Dapper;

namespace Amparo.Web.Conversations;

public sealed record ConversationSummary(string Id, string CaseId, string FileId, string SourceId, string? Title, string Source, int MessageCount, bool Analyzed, double? Risk, string? Level, bool? Alert, string? Suspect, int? FirstAlert, string Created);

public sealed record ConversationRecord(ConversationSummary Summary, StoredConversation Body, StoredAnalysis? Analysis);

/// <summary>Conversations imported into cases, with their analysis. Reads are scoped to the case owner.</summary>
public sealed class ConversationStore(Database db, TimeProvider time)
{
    private const string Columns = "v.id, v.case_id, v.file_id, v.source_id, v.title, v.source, v.message_count, v.analyzed, v.risk, v.level, v.alert, v.suspect, v.first_alert, v.created";

    private sealed record Row(string id, string case_id, string file_id, string source_id, string? title, string source, long message_count, long analyzed, double? risk, string? level, long? alert, string? suspect, long? first_alert, string created)
    {
        public ConversationSummary ToSummary() => new(id, case_id, file_id, source_id, title, source, (int)message_count, analyzed != 0, risk, level, alert is null ? null : alert != 0, suspect, first_alert is null ? null : (int)first_alert, created);
    }

    public async Task<ConversationSummary> AddAsync(string caseId, string fileId, Amparo.Core.Conversation conversation, StoredAnalysis? analysis, CancellationToken ct)
    {
        string id = Ids.New("conv");
        string created = Ids.Time(time.GetUtcNow());
        string? suspectName = analysis?.Suspect is { } s ? conversation.FindParticipant(s)?.DisplayName ?? s : null;
        var body = StoredConversation.Of(conversation);
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            """
            INSERT INTO conversations(id,case_id,file_id,source_id,title,source,message_count,analyzed,risk,level,alert,suspect,first_alert,body,analysis,created)
            VALUES(@id,@caseId,@fileId,@sourceId,@title,@source,@count,@analyzed,@risk,@level,@alert,@suspect,@firstAlert,@body,@analysisJson,@created)
            """,
            new
            {
                id,
                caseId,
                fileId,
                sourceId = conversation.Id,
                title = DisplayTitle(conversation),
                source = conversation.Source.ToString(),
                count = conversation.Messages.Count,
                analyzed = analysis is null ? 0 : 1,
                risk = analysis?.Risk,
                level = analysis?.Level,
                alert = analysis is null ? (int?)null : analysis.Alert ? 1 : 0,
                suspect = suspectName,
                firstAlert = analysis?.FirstAlert,
                body = JsonSerializer.Serialize(body, StoreJson.Options),
                analysisJson = analysis is null ? null : JsonSerializer.Serialize(analysis, StoreJson.Options),
                created,
            });
        return new ConversationSummary(id, caseId, fileId, conversation.Id, DisplayTitle(conversation), conversation.Source.ToString(), conversation.Messages.Count,
            analysis is not null, analysis?.Risk, analysis?.Level, analysis?.Alert, suspectName, analysis?.FirstAlert, created);
    }

    /// <summary>The export's title, else the people in it ("Jay · Sam"), else null (the page shows the source id).</summary>
    private static string? DisplayTitle(Amparo.Core.Conversation c)
    {
        if (!string.IsNullOrWhiteSpace(c.Title))
        {
            return c.Title;
        }

        var names = c.Participants.Select(p => p.DisplayName).Where(n => n.Length > 0).Take(4).ToList();
        return names.Count == 0 ? null : string.Join(" · ", names) + (c.Participants.Count > 4 ? " …" : "");
    }

    public async Task<IReadOnlyList<ConversationSummary>> ForCaseAsync(string caseId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM conversations v WHERE v.case_id=@caseId ORDER BY v.created, v.id", new { caseId });
        return rows.Select(r => r.ToSummary()).ToList();
    }

    /// <summary>The conversation when its case belongs to <paramref name="ownerId"/>, else null.</summary>
    public async Task<ConversationRecord?> GetAsync(string id, string ownerId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string body, string? analysis)?>(
            "SELECT v.body, v.analysis FROM conversations v JOIN cases k ON k.id = v.case_id WHERE v.id=@id AND k.owner_id=@ownerId", new { id, ownerId });
        if (row is not { } r)
        {
            return null;
        }

        var summary = (await c.QuerySingleAsync<Row>($"SELECT {Columns} FROM conversations v WHERE v.id=@id", new { id })).ToSummary();
        return new ConversationRecord(
            summary,
            JsonSerializer.Deserialize<StoredConversation>(r.body, StoreJson.Options)!,
            r.analysis is null ? null : JsonSerializer.Deserialize<StoredAnalysis>(r.analysis, StoreJson.Options));
    }
}
