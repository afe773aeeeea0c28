using System.Xml.Linq;

namespace Amparo.Reporting.CyberTipline;

/// <summary>A file to send: its description and how to read its bytes (from the vault, decrypted in memory).</summary>
public sealed record CyberTiplineUpload(CyberTiplineFile File, Func<CancellationToken, Task<Stream>> Open);

/// <summary>How a whole submission ended.</summary>
/// <param name="Finished">True when <c>/finish</c> succeeded: the report is filed.</param>
/// <param name="ReportId">The CyberTipline report id, once <c>/submit</c> gave one.</param>
/// <param name="Failure">The first response that was not a success, or null.</param>
/// <param name="Retracted">True when an unfinished report was withdrawn after a failure.</param>
/// <param name="Steps">Every call made, in order, for the case's log.</param>
public sealed record CyberTiplineSubmissionResult(bool Finished, long? ReportId, CyberTiplineResponse? Failure, bool Retracted, IReadOnlyList<(string Step, CyberTiplineResponse Response)> Steps);

/// <summary>
/// The API's whole flow in the documented order: submit the report, upload each file and send its details, then
/// finish. If anything fails after the report was opened, the unfinished report is retracted so no partial
/// report is left behind (NCMEC would otherwise delete it after an hour without changes).
/// </summary>
public static class CyberTiplineSubmission
{
    public static async Task<CyberTiplineSubmissionResult> SubmitAsync(
        ICyberTiplineClient client, XDocument report, IReadOnlyList<CyberTiplineUpload> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(files);
        var steps = new List<(string, CyberTiplineResponse)>();
        var submitted = await client.SubmitAsync(report, cancellationToken).ConfigureAwait(false);
        steps.Add(("submit", submitted));
        if (!submitted.Ok || submitted.ReportId is not long reportId)
        {
            return new CyberTiplineSubmissionResult(false, submitted.ReportId, submitted.Ok ? submitted with { Outcome = CyberTiplineOutcome.Transport, Description = "submit gave no report id" } : submitted, false, steps);
        }

        foreach (var upload in files)
        {
            CyberTiplineResponse uploaded;
            await using (var stream = await upload.Open(cancellationToken).ConfigureAwait(false))
            {
                uploaded = await client.UploadAsync(reportId, upload.File.FileName, stream, cancellationToken).ConfigureAwait(false);
            }

            steps.Add(("upload " + upload.File.FileName, uploaded));
            if (!uploaded.Ok || uploaded.FileId is not { } fileId)
            {
                return await AbandonAsync(client, reportId, uploaded, steps, cancellationToken).ConfigureAwait(false);
            }

            if (upload.File.Md5 is { } md5 && uploaded.Md5 is { } theirs && !string.Equals(md5, theirs, StringComparison.OrdinalIgnoreCase))
            {
                var mismatch = uploaded with { Outcome = CyberTiplineOutcome.Transport, Description = $"the service received {upload.File.FileName} with MD5 {theirs}, not {md5}" };
                return await AbandonAsync(client, reportId, mismatch, steps, cancellationToken).ConfigureAwait(false);
            }

            var described = await client.FileInfoAsync(CyberTiplineReportWriter.FileDetails(reportId, fileId, upload.File), cancellationToken).ConfigureAwait(false);
            steps.Add(("fileinfo " + upload.File.FileName, described));
            if (!described.Ok)
            {
                return await AbandonAsync(client, reportId, described, steps, cancellationToken).ConfigureAwait(false);
            }
        }

        var finished = await client.FinishAsync(reportId, cancellationToken).ConfigureAwait(false);
        steps.Add(("finish", finished));
        return finished.Ok
            ? new CyberTiplineSubmissionResult(true, reportId, null, false, steps)
            : await AbandonAsync(client, reportId, finished, steps, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CyberTiplineSubmissionResult> AbandonAsync(
        ICyberTiplineClient client, long reportId, CyberTiplineResponse failure, List<(string, CyberTiplineResponse)> steps, CancellationToken cancellationToken)
    {
        var retracted = await client.RetractAsync(reportId, cancellationToken).ConfigureAwait(false);
        steps.Add(("retract", retracted));
        return new CyberTiplineSubmissionResult(false, reportId, failure, retracted.Ok, steps);
    }
}
