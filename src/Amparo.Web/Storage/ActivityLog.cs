using System.Security.Claims;
using Dapper;

namespace Amparo.Web.Storage;

/// <summary>One line of the activity log.</summary>
public sealed record ActivityEntry(long Seq, string Time, string Actor, string Action, string? CaseId, string Detail);

/// <summary>
/// Append-only log of who did what in the dashboard: sign-ins, keys, and every case and evidence action with the
/// signed-in user as actor. The evidence vault keeps its own hash-chained custody log for case items.
/// </summary>
public sealed class ActivityLog(Database db, TimeProvider time)
{
    public async Task AppendAsync(string actor, string action, string? caseId, string detail, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO activity(time,actor,action,case_id,detail) VALUES(@t,@actor,@action,@caseId,@detail)",
            new { t = Ids.Time(time.GetUtcNow()), actor, action, caseId, detail });
    }

    public Task AppendAsync(ClaimsPrincipal user, string action, string? caseId, string detail, CancellationToken ct) =>
        AppendAsync(Actor(user), action, caseId, detail, ct);

    public async Task<IReadOnlyList<ActivityEntry>> ForCaseAsync(string caseId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long seq, string time, string actor, string action, string? case_id, string detail)>(
            "SELECT seq,time,actor,action,case_id,detail FROM activity WHERE case_id=@caseId ORDER BY seq", new { caseId });
        return rows.Select(r => new ActivityEntry(r.seq, r.time, r.actor, r.action, r.case_id, r.detail)).ToList();
    }

    /// <summary>"Display Name &lt;email&gt; (user id)": enough for an investigator to know who acted.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        string id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        string name = user.FindFirstValue(ClaimTypes.Name) ?? "";
        string email = user.FindFirstValue(ClaimTypes.Email) ?? "";
        return $"{name} <{email}> ({id})";
    }
}
