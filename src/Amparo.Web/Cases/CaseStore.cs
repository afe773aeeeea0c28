using Amparo.Web.Storage;
using Dapper;

namespace Amparo.Web.Cases;

public sealed record CaseInfo(string Id, string OwnerId, string Title, string Created, string VaultCaseId);

public sealed record CaseSummary(string Id, string Title, string Created, int Files, int Conversations, string? HighestLevel, double? HighestRisk);

public sealed record CaseFile(string Id, string CaseId, string FileName, string? MediaType, string Kind, long Size, string Sha256, string AddedBy, string Added, string? Note);

/// <summary>
/// Cases and their files. Every read takes the caller's user id: a case that is not theirs is indistinguishable
/// from one that does not exist.
/// </summary>
public sealed class CaseStore(Database db, VaultHost vault, TimeProvider time)
{
    /// <summary>Creates the case in the evidence vault (logged with <paramref name="actor"/>) and links it to its owner.</summary>
    public async Task<CaseInfo> CreateAsync(string ownerId, string title, string actor, CancellationToken ct)
    {
        var evidenceCase = await vault.Vault.CreateCaseAsync(new Amparo.Evidence.NewCase { Title = title }, actor, ct);
        var info = new CaseInfo(Ids.New("case"), ownerId, title, Ids.Time(time.GetUtcNow()), evidenceCase.Id);
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO cases(id,owner_id,title,created,vault_case_id) VALUES(@Id,@OwnerId,@Title,@Created,@VaultCaseId)", info);
        return info;
    }

    public async Task<CaseInfo?> GetAsync(string caseId, string ownerId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string id, string owner_id, string title, string created, string vault_case_id)?>(
            "SELECT id,owner_id,title,created,vault_case_id FROM cases WHERE id=@caseId AND owner_id=@ownerId", new { caseId, ownerId });
        return row is { } r ? new CaseInfo(r.id, r.owner_id, r.title, r.created, r.vault_case_id) : null;
    }

    public async Task<IReadOnlyList<CaseSummary>> ListAsync(string ownerId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string id, string title, string created, long files, long conversations, double? risk)>(
            """
            SELECT c.id, c.title, c.created,
                   (SELECT count(*) FROM case_files f WHERE f.case_id = c.id) AS files,
                   (SELECT count(*) FROM conversations v WHERE v.case_id = c.id) AS conversations,
                   (SELECT max(risk) FROM conversations v WHERE v.case_id = c.id) AS risk
            FROM cases c WHERE c.owner_id = @ownerId ORDER BY c.created DESC
            """, new { ownerId });
        var levels = (await c.QueryAsync<(string case_id, string level)>(
            "SELECT v.case_id, v.level FROM conversations v JOIN cases c ON c.id = v.case_id WHERE c.owner_id=@ownerId AND v.level IS NOT NULL",
            new { ownerId })).ToLookup(r => r.case_id, r => r.level, StringComparer.Ordinal);
        return rows.Select(r => new CaseSummary(r.id, r.title, r.created, (int)r.files, (int)r.conversations,
            Levels.Highest(levels[r.id]), r.risk)).ToList();
    }

    public async Task<CaseFile> AddFileAsync(string caseId, string fileName, string? mediaType, string kind, long size, string sha256, string md5, string addedBy, string? note, CancellationToken ct)
    {
        var file = new CaseFile(Ids.New("file"), caseId, fileName, mediaType, kind, size, sha256, addedBy, Ids.Time(time.GetUtcNow()), note);
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO case_files(id,case_id,file_name,media_type,kind,size,sha256,md5,added_by,added,note) VALUES(@Id,@CaseId,@FileName,@MediaType,@Kind,@Size,@Sha256,@md5,@AddedBy,@Added,@Note)",
            new { file.Id, file.CaseId, file.FileName, file.MediaType, file.Kind, file.Size, file.Sha256, md5, file.AddedBy, file.Added, file.Note });
        return file;
    }

    public async Task<IReadOnlyList<CaseFile>> FilesAsync(string caseId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string id, string case_id, string file_name, string? media_type, string kind, long size, string sha256, string added_by, string added, string? note)>(
            "SELECT id,case_id,file_name,media_type,kind,size,sha256,added_by,added,note FROM case_files WHERE case_id=@caseId ORDER BY added, id", new { caseId });
        return rows.Select(r => new CaseFile(r.id, r.case_id, r.file_name, r.media_type, r.kind, r.size, r.sha256, r.added_by, r.added, r.note)).ToList();
    }
}

public static class Levels
{
    private static readonly string[] Order = ["none", "low", "medium", "high", "critical"];

    public static int Rank(string? level) => level is null ? -1 : Array.IndexOf(Order, level);

    public static string? Highest(IEnumerable<string> levels)
    {
        string? best = null;
        foreach (var l in levels)
        {
            if (Rank(l) > Rank(best))
            {
                best = l;
            }
        }

        return best;
    }
}
