using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Amparo.Core.Interchange;
using Amparo.Detection;
using Amparo.Evidence;
using Amparo.Importers;
using Amparo.Web.Conversations;
using Amparo.Web.Hosting;
using Amparo.Web.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Amparo.Web.Cases;

public sealed record UploadedFile(string FileId, string FileName, string Kind, long Size, string Sha256, IReadOnlyList<ConversationSummary> Conversations, IReadOnlyList<string> Diagnostics);

public sealed record UploadResult(int StatusCode, string? Error, IReadOnlyList<UploadedFile> Files);

/// <summary>
/// Takes a multipart upload of chat exports and screenshots into a case: each file is streamed to disk while
/// hashed (never held whole in memory), kept as an untouched original, then imported and analysed.
/// </summary>
public sealed class UploadService(
    CaseStore cases,
    ConversationStore conversations,
    VaultHost vault,
    ChatImporter importer,
    Database db,
    IServiceProvider services,
    TimeProvider time,
    IOptions<AmparoWebOptions> options)
{
    public async Task<UploadResult> UploadAsync(HttpRequest request, CaseInfo caseInfo, ClaimsPrincipal user, CancellationToken ct)
    {
        long limit = options.Value.MaxUploadBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + (64 * 1024);
        }

        if (request.ContentLength > limit + (64 * 1024))
        {
            return TooLarge(limit);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return new UploadResult(400, "Send the files as multipart/form-data.", []);
        }

        string tmpDir = Path.Combine(db.DataDirectory, "tmp");
        Directory.CreateDirectory(tmpDir);
        var received = new List<(string Name, string Temp, long Size, string Sha256, string? MediaType)>();
        string? current = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = limit };
            long total = 0;
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue;
                }

                string name = SafeFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                string temp = current = Path.Combine(tmpDir, Ids.New("up"));
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long size = 0;
                await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    byte[] buffer = new byte[1 << 16];
                    int n;
                    while ((n = await section.Body.ReadAsync(buffer, ct)) > 0)
                    {
                        size += n;
                        total += n;
                        if (total > limit)
                        {
                            await output.DisposeAsync();
                            Cleanup(received, temp);
                            return TooLarge(limit);
                        }

                        sha.AppendData(buffer, 0, n);
                        await output.WriteAsync(buffer.AsMemory(0, n), ct);
                    }

                    await output.FlushAsync(ct);
                    output.Flush(flushToDisk: true);
                }

                received.Add((name, temp, size, Convert.ToHexStringLower(sha.GetHashAndReset()), section.ContentType));
                current = null;
            }
        }
        catch (InvalidDataException ex)
        {
            Cleanup(received, current);
            // The multipart reader reports both a malformed body and one over its length limit this way.
            return ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? TooLarge(limit) : new UploadResult(400, "The upload was not valid multipart data.", []);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Cleanup(received, current);
            return TooLarge(limit);
        }
        catch
        {
            Cleanup(received, current);
            throw;
        }

        if (received.Count == 0)
        {
            return new UploadResult(400, "No file was attached.", []);
        }

        var results = new List<UploadedFile>();
        try
        {
            foreach (var file in received)
            {
                results.Add(await AddAsync(caseInfo, user, file.Name, file.Temp, file.Size, file.Sha256, file.MediaType, ct));
            }
        }
        finally
        {
            // The vault holds the only lasting copy (encrypted); the staging files go.
            Cleanup(received, null);
        }

        return new UploadResult(200, null, results);
    }

    private async Task<UploadedFile> AddAsync(CaseInfo caseInfo, ClaimsPrincipal user, string name, string temp, long size, string sha256, string? declaredType, CancellationToken ct)
    {
        string kind = Sniff(temp);
        string? mediaType = kind == "image" ? ImageType(temp) : kind == "archive" ? "application/zip" : declaredType is "application/octet-stream" ? null : declaredType;
        string actor = ActivityLog.Actor(user);
        EvidenceItem item;
        await using (var content = OpenTemp(temp))
        {
            item = await vault.Vault.AddOriginalAsync(caseInfo.VaultCaseId, content, new NewOriginal
            {
                FileName = name,
                MediaType = mediaType,
                Capture = new CaptureMetadata { CapturedBy = actor, CapturedAt = time.GetUtcNow(), Source = "Amparo dashboard upload" },
                // Pictures a family uploads may show a child: kept encrypted, never rendered, shown by hash only.
                MayDepictMinor = kind == "image",
            }, actor, ct);
        }

        if (!string.Equals(item.Sha256, sha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the vault stored {name} as {item.Sha256} but the upload hashed to {sha256}");
        }

        var file = await cases.AddFileAsync(caseInfo.Id, name, item.MediaType, kind, size, sha256, item.Md5, actor, null, ct);

        var diagnostics = new List<string>();
        var imported = new List<ConversationSummary>();
        var analyzer = services.GetService<IConversationAnalyzer>();
        var input = new ImportInput { FileName = name, Open = () => OpenTemp(temp), Length = size };
        await foreach (var importedItem in importer.ReadAsync(input, ct))
        {
            if (importedItem.Diagnostic is { } d)
            {
                diagnostics.Add(d.ToString());
            }

            if (importedItem.Conversation is not { } conversation)
            {
                continue;
            }

            diagnostics.AddRange(conversation.Diagnostics.Select(x => x.ToString()));
            var analysis = analyzer?.Analyze(conversation);
            var stored = analysis is null ? null : StoredAnalysis.Of(analysis);
            var summary = await conversations.AddAsync(caseInfo.Id, file.Id, conversation, stored, ct);
            imported.Add(summary);

            // The imported conversation and its analysis are derived items linked to the original, in the custody log.
            await using (var derived = new MemoryStream(Encoding.UTF8.GetBytes(InterchangeJsonl.ToJson(conversation) + "\n")))
            {
                await vault.Vault.AddDerivedAsync(caseInfo.VaultCaseId, derived, new NewDerived
                {
                    DerivedFrom = sha256,
                    Kind = ItemKinds.Conversation,
                    FileName = name + ".conversation.jsonl",
                    MediaType = "application/x-ndjson",
                    Description = $"{conversation.Messages.Count} messages imported by {conversation.Source}",
                }, actor, ct);
            }

            if (analysis is not null)
            {
                await using var json = new MemoryStream(ScoreLine(analysis));
                await vault.Vault.AddDerivedAsync(caseInfo.VaultCaseId, json, new NewDerived
                {
                    DerivedFrom = sha256,
                    Kind = ItemKinds.Analysis,
                    FileName = name + ".analysis.json",
                    MediaType = "application/json",
                    Description = $"Amparo detection: level {stored!.Level}, risk {analysis.Risk.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}",
                }, actor, ct);
            }
        }

        if (kind == "image" && imported.Count == 0)
        {
            diagnostics.Add($"{name}: kept as evidence (image, shown only by its hash).");
        }

        if (imported.Count > 0 && analyzer is null)
        {
            diagnostics.Add("Detection is not available in this build: conversations were imported but not analysed.");
        }

        return new UploadedFile(file.Id, name, kind, size, sha256, imported, diagnostics);
    }

    private static FileStream OpenTemp(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);

    private static byte[] ScoreLine(ConversationAnalysis analysis)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = StoreJson.Options.Encoder }))
        {
            Amparo.Detection.Scoring.ScoreJsonl.Write(w, analysis);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static UploadResult TooLarge(long limit) =>
        new(413, $"The upload is larger than the limit of {limit / (1024 * 1024)} MB.", []);

    private static void Cleanup(IEnumerable<(string Name, string Temp, long Size, string Sha256, string? MediaType)> files, string? partial)
    {
        if (partial is not null)
        {
            File.Delete(partial);
        }

        foreach (var f in files)
        {
            File.Delete(f.Temp);
        }
    }

    /// <summary>Keeps the name as given for the record, minus paths and control characters.</summary>
    public static string SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "unnamed";
        }

        name = name.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var sb = new StringBuilder(name.Length);
        foreach (char ch in name)
        {
            if (!char.IsControl(ch))
            {
                sb.Append(ch);
            }
        }

        string clean = sb.ToString().Trim();
        if (clean.Length > 255)
        {
            clean = clean[..255];
        }

        return clean is "" or "." or ".." ? "unnamed" : clean;
    }

    private static string Sniff(string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var f = File.OpenRead(path);
        int n = f.Read(head);
        head = head[..n];
        return ImageType(head) is not null ? "image" : head.StartsWith("PK\x03\x04"u8) ? "archive" : "chat";
    }

    private static string? ImageType(string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var f = File.OpenRead(path);
        int n = f.Read(head);
        return ImageType(head[..n]);
    }

    private static string? ImageType(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) ? "image/png"
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : head.StartsWith("GIF8"u8) ? "image/gif"
        : head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;
}
