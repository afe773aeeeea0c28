using System.Text.Json;
using System.Text.Json.Serialization;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Detection.Indicators;

namespace Amparo.Reporting.Complaint;

/// <summary>A case read from a case file, ready for <see cref="ComplaintReportBuilder"/>.</summary>
public sealed record CaseFileContent(ComplaintReportInput Input, string? Language, string Directory);

/// <summary>A case file read, or the reason it could not be (naming the file and line).</summary>
public sealed record CaseFileResult(CaseFileContent? Content, ImportDiagnostic? Error)
{
    public bool Ok => Content is not null;
}

/// <summary>
/// Reads a self-contained case file (<c>"format": "amparo-case/1"</c>): the conversation, its analysis, the
/// reporter and what the vault knows (items with hashes, custody log, suspect identifiers). The bundled samples
/// under <c>samples/report-case/</c> use it, and so can anyone who wants a report without a vault.
/// </summary>
public static class CaseFile
{
    public const string Format = "amparo-case/1";

    private static readonly JsonSerializerOptions Options = new(EmbeddedResources.Json)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<CaseFileResult> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        CaseDto? dto;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 14, FileOptions.Asynchronous);
            if (stream.Length > 256L * 1024 * 1024)
            {
                return Fail(name, null, "the case file is larger than 256 MB; use a vault case instead");
            }

            dto = await JsonSerializer.DeserializeAsync<CaseDto>(stream, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return Fail(name, null, "no such file");
        }
        catch (DirectoryNotFoundException)
        {
            return Fail(name, null, "no such file");
        }
        catch (JsonException ex)
        {
            return Fail(name, ex.LineNumber + 1, "not a valid case file: " + ex.Message);
        }

        if (dto is null || !string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            return Fail(name, 1, $"not an Amparo case file (expected \"format\": \"{Format}\")");
        }

        if (dto.Conversation is null || dto.Analysis is null || dto.Reporter is null)
        {
            return Fail(name, null, "a case file needs \"conversation\", \"analysis\" and \"reporter\"");
        }

        var messages = new List<Message>();
        for (int i = 0; i < (dto.Conversation.Messages?.Count ?? 0); i++)
        {
            var m = dto.Conversation.Messages![i];
            if (!MessageTime.TryParseInterchange(m.Time, out var time))
            {
                return Fail(name, null, $"message {i} has a time that is not ISO-8601: \"{m.Time}\"");
            }

            messages.Add(new Message
            {
                Index = i,
                AuthorId = m.Author ?? "",
                Time = time,
                Text = m.Text ?? "",
                Kind = m.Kind ?? MessageKind.Text,
                Attachments = m.Attachments ?? [],
            });
        }

        int count = messages.Count;
        foreach (var hit in dto.Analysis.Indicators ?? [])
        {
            if (hit.Message < 0 || hit.Message >= count)
            {
                return Fail(name, null, $"indicator \"{hit.Id}\" points at message {hit.Message}, but the conversation has {count} messages");
            }
        }

        var conversation = new Conversation
        {
            Id = dto.Conversation.Id ?? dto.CaseId ?? Path.GetFileNameWithoutExtension(name),
            Source = dto.Conversation.Source ?? SourceApp.Unknown,
            Title = dto.Conversation.Title,
            Participants = dto.Conversation.Participants ?? [],
            Messages = messages,
            SourceFile = dto.Conversation.SourceFile,
        };
        var analysis = new ConversationAnalysis
        {
            ConversationId = conversation.Id,
            Risk = dto.Analysis.Risk,
            Alert = dto.Analysis.Alert,
            Level = dto.Analysis.Level,
            Suspect = dto.Analysis.Suspect,
            FirstAlert = dto.Analysis.FirstAlert,
            Indicators = (dto.Analysis.Indicators ?? []).Select(h => new IndicatorHit(h.Id, h.Message, h.Evidence ?? "")).ToArray(),
            Timeline = dto.Analysis.Timeline ?? [],
            Stages = dto.Analysis.Stages ?? [],
        };
        var input = new ComplaintReportInput
        {
            Conversation = conversation,
            Analysis = analysis,
            Reporter = dto.Reporter,
            Evidence = dto.Evidence,
            CaseId = dto.CaseId,
            Language = dto.Language,
            Platform = dto.Platform,
            AnalysisSource = dto.AnalysisSource ?? "case file",
        };
        return new CaseFileResult(new CaseFileContent(input, dto.Language, Path.GetDirectoryName(Path.GetFullPath(path)) ?? "."), null);
    }

    private static CaseFileResult Fail(string file, long? line, string message) =>
        new(null, new ImportDiagnostic(DiagnosticSeverity.Error, file, line, message));

    private sealed record CaseDto(
        string? Format,
        string? CaseId,
        string? Language,
        ReporterInfo? Reporter,
        string? Platform,
        string? AnalysisSource,
        ConversationDto? Conversation,
        AnalysisDto? Analysis,
        CaseEvidenceInfo? Evidence);

    private sealed record ConversationDto(
        string? Id,
        SourceApp? Source,
        string? Title,
        string? SourceFile,
        IReadOnlyList<Participant>? Participants,
        IReadOnlyList<MessageDto>? Messages);

    private sealed record MessageDto(string? Author, string? Time, string? Text, MessageKind? Kind, IReadOnlyList<Attachment>? Attachments);

    private sealed record AnalysisDto(
        double Risk,
        bool Alert,
        RiskLevel Level,
        string? Suspect,
        int? FirstAlert,
        IReadOnlyList<HitDto>? Indicators,
        IReadOnlyList<double>? Timeline,
        IReadOnlyList<StageSpan>? Stages);

    private sealed record HitDto(string Id, int Message, string? Evidence);
}
