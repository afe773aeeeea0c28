using System.CommandLine;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Evidence;
using Amparo.Evidence.Sqlite;
using Amparo.Importers;
using Amparo.Reporting;
using Amparo.Reporting.Complaint;

namespace Amparo.Cli.Commands;

/// <summary>
/// <c>amparo report CASE --lang es|en --out report.pdf</c> (or <c>.html</c>): the complaint for the police or a
/// hotline. CASE is a case id in the evidence vault (<c>--vault</c>, <c>AMPARO_VAULT</c> or the per-user folder;
/// passphrase from <c>AMPARO_PASSPHRASE</c> or a hidden prompt) or a case file (<c>samples/report-case/case-en.json</c>).
/// Vault cases are analysed now with the shipped detector; the custody chain is verified and the result printed.
/// </summary>
internal static class ReportCommand
{
    private const long MaxImportBytes = 256L << 20;

    public static Command Create()
    {
        var caseArg = new Argument<string>("CASE") { Description = "A case id in the vault (C-0001) or a case file (.json)" };
        var lang = new Option<string?>("--lang") { Description = "en or es (default: the case file's, else the locale's)" };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the report: .pdf or .html (default: report-CASE.pdf)" };
        var vaultDir = new Option<string?>("--vault") { Description = "Vault folder (default: AMPARO_VAULT, else the per-user folder)" };
        var reporter = new Option<string?>("--reporter") { Description = "Who is reporting (default: who captured the evidence)" };
        var role = new Option<string?>("--role") { Description = "Their relation to the young person (mother, teacher…)" };
        var contact = new Option<string?>("--contact") { Description = "How the police can reach them" };
        var conversationId = new Option<string?>("--conversation") { Description = "Which conversation of the case (default: the one with the highest risk)" };
        var command = new Command("report", "Write the complaint report (PDF or HTML) for a case")
        {
            caseArg, lang, output, vaultDir, reporter, role, contact, conversationId,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var caseRef = parseResult.GetValue(caseArg)!;
            var langOption = parseResult.GetValue(lang);
            if (langOption is not null && !Languages.IsSupported(langOption))
            {
                throw new UsageException($"--lang {langOption}: use en or es");
            }

            var outPath = parseResult.GetValue(output) ?? $"report-{SafeName(Path.GetFileNameWithoutExtension(caseRef))}.pdf";
            var format = Path.GetExtension(outPath).ToLowerInvariant() switch
            {
                ".pdf" => "pdf",
                ".html" or ".htm" => "html",
                _ => throw new UsageException($"--out {outPath}: the file name must end in .pdf or .html"),
            };

            ComplaintReportInput input;
            string? fileLanguage = null;
            if (caseRef.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(caseRef))
            {
                var loaded = await CaseFile.LoadAsync(caseRef, ct);
                if (loaded.Error is { } error)
                {
                    throw new UsageException(error.ToString());
                }

                input = loaded.Content!.Input;
                fileLanguage = loaded.Content.Language;
            }
            else
            {
                input = await FromVaultAsync(caseRef, parseResult.GetValue(vaultDir), parseResult.GetValue(conversationId), ct);
            }

            var language = langOption is not null ? Languages.Normalize(langOption) : fileLanguage ?? SecretPrompt.Language(null);
            var who = parseResult.GetValue(reporter);
            input = input with
            {
                Language = language,
                Reporter = new ReporterInfo(
                    who ?? input.Reporter.Name,
                    parseResult.GetValue(role) ?? (who is null ? input.Reporter.Role : null),
                    parseResult.GetValue(contact) ?? (who is null ? input.Reporter.Contact : null)),
            };
            var model = ComplaintReportBuilder.Build(input, TimeProvider.System);
            await WriteAtomicallyAsync(outPath, format, model, ct);
            await Console.Error.WriteLineAsync(
                $"{outPath}: {format.ToUpperInvariant()} report for case {model.CaseId} ({language}), level {model.Level}, {model.Tactics.Count} tactic(s), {model.Evidence.Count} evidence item(s)" +
                (model.Custody?.Verified == false ? "; WARNING: the custody chain did NOT verify (see the report)" : ""));
            return Cli.Ok;
        });
        return command;
    }

    private static async Task<ComplaintReportInput> FromVaultAsync(string caseId, string? folder, string? conversationId, CancellationToken ct)
    {
        folder ??= Environment.GetEnvironmentVariable("AMPARO_VAULT") ?? SqliteVault.DefaultFolder;
        if (!await SqliteVault.ExistsAsync(folder, ct))
        {
            throw new UsageException($"{caseId}: no such case file, and there is no vault at {folder} (use --vault, or add evidence with 'amparo evidence add')");
        }

        var passphrase = Environment.GetEnvironmentVariable("AMPARO_PASSPHRASE")
            ?? SecretPrompt.Read("Vault passphrase: ", Console.In, Console.Error, !Console.IsInputRedirected);
        try
        {
            await using var vault = await SqliteVault.OpenAsync(folder, passphrase, cancellationToken: ct);
            return await BuildInputAsync(vault, caseId, conversationId, ct);
        }
        catch (WrongPassphraseException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (EvidenceNotFoundException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>The complaint input for a vault case: its conversations (imported from the originals when none are stored), analysed now.</summary>
    internal static async Task<ComplaintReportInput> BuildInputAsync(IEvidenceVault vault, string caseId, string? conversationId, CancellationToken ct)
    {
        var stored = await VaultCaseReader.ReadAsync(vault, caseId, ct);
        var conversations = stored.Conversations.ToList();
        if (conversations.Count == 0)
        {
            conversations.AddRange(await ImportOriginalsAsync(vault, caseId, stored.Originals, ct));
        }

        if (conversations.Count == 0)
        {
            throw new UsageException($"case {caseId} holds no chat Amparo can read; add the chat export with 'amparo evidence add {caseId} FILE'");
        }

        var engine = DetectionEngine.LoadDefault();
        var analysed = conversations.Select(c => (Conversation: c, Analysis: engine.Analyze(c))).ToList();
        var chosen = conversationId is null
            ? analysed.MaxBy(a => a.Analysis.Risk)
            : analysed.FirstOrDefault(a => string.Equals(a.Conversation.Id, conversationId, StringComparison.Ordinal));
        if (chosen.Conversation is null)
        {
            throw new UsageException($"--conversation {conversationId}: case {caseId} has {string.Join(", ", analysed.Select(a => a.Conversation.Id))}");
        }

        var firstOriginal = stored.Contents.Items.FirstOrDefault(i => i.Role == ItemRole.Original);
        return new ComplaintReportInput
        {
            Conversation = chosen.Conversation,
            Analysis = chosen.Analysis,
            Evidence = stored.Evidence,
            CaseId = stored.Contents.Case.Id,
            Reporter = new ReporterInfo(firstOriginal?.Capture?.CapturedBy ?? stored.Contents.Case.CreatedBy),
            Indicators = engine.Indicators?.Definitions,
            AnalysisSource = "Amparo detection engine (shipped model and EN/ES indicator catalogue)",
        };
    }

    private static async Task<IReadOnlyList<Conversation>> ImportOriginalsAsync(IEvidenceVault vault, string caseId, IReadOnlyList<EvidenceItem> originals, CancellationToken ct)
    {
        // Decrypted evidence stays in memory: nothing plaintext is written outside the vault.
        var importer = KnownImporters.CreateDefault();
        var found = new List<Conversation>();
        foreach (var item in originals.Where(i => i.Size <= MaxImportBytes))
        {
            byte[] bytes;
            await using (var stream = await vault.OpenItemAsync(caseId, item.Sha256, ct))
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, ct);
                bytes = buffer.ToArray();
            }

            var input = new ImportInput { FileName = item.FileName, Open = () => new MemoryStream(bytes, writable: false), Length = bytes.Length };
            await foreach (var imported in importer.ReadAsync(input, ct))
            {
                if (imported.Conversation is { } conversation)
                {
                    found.Add(conversation);
                }
            }
        }

        return found;
    }

    private static async Task WriteAtomicallyAsync(string path, string format, ComplaintReportModel model, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
        {
            throw new UsageException($"--out {path}: the folder {dir} does not exist");
        }

        // A half-written report must never be mistaken for a finished one.
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                if (format == "pdf")
                {
                    PdfReportRenderer.Render(model, stream);
                }
                else
                {
                    await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                    await writer.WriteAsync(HtmlReportRenderer.Render(model).AsMemory(), ct);
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static string SafeName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
