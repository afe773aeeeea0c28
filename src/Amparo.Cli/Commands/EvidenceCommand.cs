using System.CommandLine;
using System.Globalization;
using System.Text;
using Amparo.Core;
using Amparo.Core.Interchange;
using Amparo.Evidence;
using Amparo.Evidence.Bundle;
using Amparo.Evidence.Crypto;
using Amparo.Evidence.Sqlite;
using Amparo.Importers;
using Amparo.Reporting;
using Amparo.Reporting.Complaint;

namespace Amparo.Cli.Commands;

/// <summary><c>amparo evidence add|list|verify|export|verify-bundle</c>: keep evidence intact and hand it over sealed.</summary>
internal static class EvidenceCommand
{
    /// <summary>Exit code when a verification finds a difference (the report names it).</summary>
    public const int VerificationFailed = 3;

    public static Command Create()
    {
        var command = new Command("evidence", "Keep evidence exactly as received, prove it is unchanged, and export it sealed for the police");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Export());
        command.Subcommands.Add(VerifyBundle());
        return command;
    }

    private static Command Add()
    {
        var caseId = new Argument<string>("CASE") { Description = "The case id (C-0001)" };
        var files = new Argument<string[]>("FILE") { Description = "Files (or folders) to store exactly as they are", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "Where the files came from (\"exported from the chat with gamer_12\")" };
        var capturedBy = new Option<string?>("--captured-by") { Description = "Who captured or exported them (default: you)" };
        var capturedAt = new Option<string?>("--captured-at") { Description = "When they were captured (ISO-8601, e.g. 2026-03-14T18:30+01:00)" };
        var device = new Option<string?>("--device") { Description = "The device they were taken from (\"Sofía's phone, Android 14\")" };
        var app = new Option<string?>("--app") { Description = "The app they came from (\"WhatsApp\")" };
        var minor = new Option<bool>("--may-depict-minor") { Description = "The files may show a child: never display them anywhere" };
        var noImport = new Option<bool>("--no-import") { Description = "Do not read chat exports into conversations" };
        var command = new Command("add", "Store files in a case (encrypted, never modified); chat exports are also imported and linked to their original")
        {
            caseId, files, source, capturedBy, capturedAt, device, app, minor, noImport,
        };
        VaultAccess.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var paths = ExpandFiles(parseResult.GetRequiredValue(files));
            DateTimeOffset? at = null;
            if (parseResult.GetValue(capturedAt) is { Length: > 0 } text)
            {
                at = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw new UsageException($"--captured-at: \"{text}\" is not a date and time (use ISO-8601, e.g. 2026-03-14T18:30+01:00)");
            }

            return VaultAccess.RunAsync(parseResult, createIfMissing: false, async (vault, actor, output) =>
            {
                var capture = new CaptureMetadata
                {
                    CapturedBy = parseResult.GetValue(capturedBy) ?? actor,
                    CapturedAt = at,
                    Device = parseResult.GetValue(device),
                    App = parseResult.GetValue(app),
                    Source = parseResult.GetValue(source),
                };
                var importer = parseResult.GetValue(noImport) ? null : KnownImporters.CreateDefault();
                string id = parseResult.GetRequiredValue(caseId);
                foreach (string path in paths)
                {
                    EvidenceItem item;
                    var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                    await using (stream.ConfigureAwait(false))
                    {
                        item = await vault.AddOriginalAsync(id, stream, new NewOriginal
                        {
                            FileName = Path.GetFileName(path),
                            Capture = capture,
                            MayDepictMinor = parseResult.GetValue(minor),
                        }, actor, cancellationToken).ConfigureAwait(false);
                    }

                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Stored #{item.Id} {item.FileName} ({item.Size:N0} bytes, {item.MediaType}) sha256 {item.Sha256}")).ConfigureAwait(false);
                    if (importer is not null)
                    {
                        await ImportAsync(vault, importer, item, actor, output, parseResult.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
                    }
                }

                return Cli.Ok;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>Reads the stored copy (not the file on disk, which may have changed since) and stores each conversation.</summary>
    private static async Task ImportAsync(IEvidenceVault vault, ChatImporter importer, EvidenceItem item, string actor, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        byte[] head = new byte[ImportInput.SniffLength];
        int n;
        var first = await vault.OpenItemAsync(item.CaseId, item.Sha256, cancellationToken).ConfigureAwait(false);
        await using (first.ConfigureAwait(false))
        {
            n = await ReadFullAsync(first, head, cancellationToken).ConfigureAwait(false);
        }

        var format = n == 0 ? null : importer.Detect(head.AsSpan(0, n), item.FileName);
        if (format is null)
        {
            return;
        }

        var input = new ImportInput
        {
            FileName = item.FileName,
            Open = () => vault.OpenItemAsync(item.CaseId, item.Sha256, CancellationToken.None).GetAwaiter().GetResult(),
            Length = item.Size,
        };
        int count = 0;
        int problems = 0;
        await foreach (var result in format.ReadAsync(input, cancellationToken).ConfigureAwait(false))
        {
            if (result.Diagnostic is { } d)
            {
                problems++;
                await error.WriteLineAsync($"  {d}").ConfigureAwait(false);
            }

            if (result.Conversation is not { } conversation)
            {
                continue;
            }

            count++;
            problems += conversation.Diagnostics.Count;
            string name = Path.GetFileNameWithoutExtension(item.FileName) + (count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"-{count}")) + ".conversation.json";
            byte[] json = Encoding.UTF8.GetBytes(InterchangeJsonl.ToJson(conversation) + "\n");
            var derived = await vault.AddDerivedAsync(item.CaseId, new MemoryStream(json), new NewDerived
            {
                DerivedFrom = item.Sha256,
                Kind = ItemKinds.Conversation,
                FileName = name,
                MediaType = MediaTypes.Interchange,
                Description = string.Create(CultureInfo.InvariantCulture, $"Conversation \"{conversation.Title ?? conversation.Id}\" read by the {format.Format} importer: {conversation.Messages.Count} messages"),
            }, actor, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  Imported #{derived.Id} {name}: {conversation.Messages.Count:N0} messages ({format.Format}), linked to #{item.Id}")).ConfigureAwait(false);
        }

        if (problems > 0)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {problems} import notes for {item.FileName} (above); the original is stored unchanged either way.")).ConfigureAwait(false);
        }
    }

    private static Command List()
    {
        var caseId = new Argument<string>("CASE") { Description = "The case id (C-0001)" };
        var command = new Command("list", "List a case's items, notes and suspect identifiers") { caseId };
        VaultAccess.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => VaultAccess.RunAsync(parseResult, createIfMissing: false, async (vault, _, output) =>
        {
            var contents = await vault.GetCaseAsync(parseResult.GetRequiredValue(caseId), cancellationToken).ConfigureAwait(false);
            var c = contents.Case;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{c.Id}: {c.Title} (opened {c.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {c.CreatedBy})")).ConfigureAwait(false);
            if (c.Notes is not null)
            {
                await output.WriteLineAsync($"  {c.Notes}").ConfigureAwait(false);
            }

            await output.WriteLineAsync().ConfigureAwait(false);
            if (contents.Items.Count == 0)
            {
                await output.WriteLineAsync($"No items yet. Add some with: amparo evidence add {c.Id} FILE…").ConfigureAwait(false);
            }

            foreach (var item in contents.Items)
            {
                string link = "";
                if (item.DerivedFrom is { } from)
                {
                    var parent = contents.Items.FirstOrDefault(i => string.Equals(i.Sha256, from, StringComparison.Ordinal));
                    link = parent is null ? $" from {from[..12]}…" : string.Create(CultureInfo.InvariantCulture, $" from #{parent.Id}");
                }

                string hidden = item.ShowAsPlaceholder ? " [never displayed]" : "";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"#{item.Id,-4} {(item.Role == ItemRole.Original ? "original" : "derived "),-8} {item.Size,12:N0} B  {item.MediaType,-28} {item.FileName}{link}{hidden}")).ConfigureAwait(false);
                await output.WriteLineAsync($"      sha256 {item.Sha256}  md5 {item.Md5}").ConfigureAwait(false);
                if (item.Capture is { } cap && (cap.Device ?? cap.App ?? cap.Source) is not null)
                {
                    await output.WriteLineAsync($"      captured by {cap.CapturedBy}{(cap.CapturedAt is { } at ? " at " + at.ToString("u", CultureInfo.InvariantCulture) : "")}; device: {cap.Device ?? "-"}; app: {cap.App ?? "-"}; source: {cap.Source ?? "-"}").ConfigureAwait(false);
                }
            }

            foreach (var s in contents.Suspect)
            {
                await output.WriteLineAsync($"Suspect {s.Kind}: {s.Value}").ConfigureAwait(false);
            }

            foreach (var note in contents.Notes)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Note #{note.Id} ({note.Author}, {note.At.UtcDateTime:yyyy-MM-dd HH:mm}): {note.Text}")).ConfigureAwait(false);
            }

            return Cli.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Verify()
    {
        var caseId = new Argument<string>("CASE") { Description = "The case id (C-0001)" };
        var command = new Command("verify", "Re-hash every stored file and the whole custody chain; exits 0 only when nothing differs") { caseId };
        VaultAccess.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => VaultAccess.RunAsync(parseResult, createIfMissing: false, async (vault, _, output) =>
        {
            var report = await vault.VerifyAsync(parseResult.GetRequiredValue(caseId), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Case {report.CaseId}: {report.ItemsChecked} stored files ({report.BytesChecked:N0} bytes) re-hashed, {report.LogEntries} custody log entries checked.")).ConfigureAwait(false);
            if (report.IsIntact)
            {
                await output.WriteLineAsync($"OK: nothing was altered, removed, added or reordered. Log head {report.LogHead}").ConfigureAwait(false);
                return Cli.Ok;
            }

            await output.WriteLineAsync($"NOT INTACT: {report.Findings.Count} difference(s):").ConfigureAwait(false);
            foreach (var finding in report.Findings)
            {
                await output.WriteLineAsync($"  {finding}").ConfigureAwait(false);
            }

            return VerificationFailed;
        }, cancellationToken));
        return command;
    }

    private static Command Export()
    {
        var caseId = new Argument<string>("CASE") { Description = "The case id (C-0001)" };
        var outPath = new Option<string>("--out") { Description = "Where to write the bundle (.zip)", Required = true };
        var recipient = new Option<string?>("--recipient") { Description = "Who it is for (recorded in the custody log)" };
        var include = new Option<string[]>("--include") { Description = "Extra files to seal in (e.g. the complaint report), stored under report/" };
        var noDerived = new Option<bool>("--originals-only") { Description = "Leave out imported conversations and analyses" };
        var withReport = new Option<string?>("--with-report") { Description = "Write the complaint report (PDF) in this language (en or es) and seal it in under report/" };
        var force = new Option<bool>("--force") { Description = "Replace an existing file at --out" };
        var command = new Command("export", "Write a sealed bundle: originals, manifest, custody log, CASE/UCO, signature. The only way plaintext leaves the vault.")
        {
            caseId, outPath, recipient, include, noDerived, withReport, force,
        };
        VaultAccess.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            string target = Path.GetFullPath(parseResult.GetRequiredValue(outPath));
            if (File.Exists(target) && !parseResult.GetValue(force))
            {
                throw new UsageException($"{target}: already exists (use --force to replace it)");
            }

            var extras = new List<BundleExtraFile>();
            foreach (string extra in parseResult.GetValue(include) ?? [])
            {
                if (!File.Exists(extra))
                {
                    throw new UsageException($"{extra}: no such file");
                }

                string full = Path.GetFullPath(extra);
                extras.Add(new BundleExtraFile
                {
                    Path = "report/" + BundleLayout.SafeName(Path.GetFileName(full)),
                    MediaType = MediaTypes.Sniff(File.ReadAllBytes(full).AsSpan(0, (int)Math.Min(512, new FileInfo(full).Length)), full),
                    Open = _ => Task.FromResult<Stream>(File.OpenRead(full)),
                });
            }

            string? reportLanguage = parseResult.GetValue(withReport);
            if (reportLanguage is not null && !Languages.IsSupported(reportLanguage))
            {
                throw new UsageException($"--with-report {reportLanguage}: use en or es");
            }

            return VaultAccess.RunAsync(parseResult, createIfMissing: false, async (vault, actor, output) =>
            {
                if (reportLanguage is not null)
                {
                    // Made from the vault as it is now and kept in memory: the complaint travels sealed with the
                    // evidence it describes, and no plaintext copy is left on disk.
                    string id = parseResult.GetRequiredValue(caseId);
                    var input = await ReportCommand.BuildInputAsync(vault, id, null, cancellationToken).ConfigureAwait(false);
                    string language = Languages.Normalize(reportLanguage);
                    var model = ComplaintReportBuilder.Build(input with { Language = language }, TimeProvider.System);
                    using var pdf = new MemoryStream();
                    PdfReportRenderer.Render(model, pdf);
                    byte[] bytes = pdf.ToArray();
                    extras.Add(new BundleExtraFile
                    {
                        Path = $"report/complaint-{BundleLayout.SafeName(model.CaseId)}-{language}.pdf",
                        MediaType = "application/pdf",
                        Open = _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false)),
                    });
                }

                // Written beside the target and renamed at the end, so a failure never leaves a half bundle that looks real.
                string partial = target + ".partial";
                ExportResult result;
                try
                {
                    var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
                    await using (stream.ConfigureAwait(false))
                    {
                        result = await vault.ExportAsync(parseResult.GetRequiredValue(caseId), stream, new ExportOptions
                        {
                            Recipient = parseResult.GetValue(recipient),
                            IncludeDerived = !parseResult.GetValue(noDerived),
                            ExtraFiles = extras,
                        }, actor, cancellationToken).ConfigureAwait(false);
                        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }

                    File.Move(partial, target, overwrite: true);
                }
                catch
                {
                    File.Delete(partial);
                    throw;
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Sealed bundle for {result.CaseId} written to {target}: {result.Files} files, {result.Bytes:N0} bytes.")).ConfigureAwait(false);
                await output.WriteLineAsync($"Manifest sha256 {result.ManifestSha256}").ConfigureAwait(false);
                await output.WriteLineAsync($"Signing key fingerprint {result.SigningKeyFingerprint}").ConfigureAwait(false);
                await output.WriteLineAsync("Give the fingerprint to the recipient separately (by phone or on paper) so they can trust the signature.").ConfigureAwait(false);
                await output.WriteLineAsync("The bundle holds the evidence in clear: keep it as safe as the vault.").ConfigureAwait(false);
                return Cli.Ok;
            }, cancellationToken);
        });
        return command;
    }

    private static Command VerifyBundle()
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "A bundle written by amparo evidence export" };
        var command = new Command("verify-bundle", "Check a sealed bundle using only what is inside it (no vault or passphrase needed)") { bundle };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string path = parseResult.GetRequiredValue(bundle);
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file");
            }

            var output = parseResult.InvocationConfiguration.Output;
            var result = await BundleVerifier.VerifyAsync(path, cancellationToken).ConfigureAwait(false);
            if (result.IsValid)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"OK: {path} is intact: signature valid, {result.FilesChecked} files match the manifest, custody log of {result.CustodyEntries} entries chains to the signed head.")).ConfigureAwait(false);
                await output.WriteLineAsync($"Case {result.CaseId}, bundle {result.BundleId}.").ConfigureAwait(false);
                await output.WriteLineAsync($"Signed by the key with fingerprint {result.SigningKeyFingerprint}: check it matches the one the sender gave you.").ConfigureAwait(false);
                return Cli.Ok;
            }

            await output.WriteLineAsync($"NOT INTACT: {path}: {result.Problems.Count} problem(s):").ConfigureAwait(false);
            foreach (string problem in result.Problems)
            {
                await output.WriteLineAsync($"  {problem}").ConfigureAwait(false);
            }

            return VerificationFailed;
        });
        return command;
    }

    private static List<string> ExpandFiles(IEnumerable<string> inputs)
    {
        var result = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                result.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                result.Add(input);
            }
            else
            {
                throw new UsageException($"{input}: no such file or folder (nothing was added)");
            }
        }

        return result;
    }

    private static async Task<int> ReadFullAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}

/// <summary>Finds the vault (--vault, AMPARO_VAULT, per-user default), gets the passphrase and maps vault errors to exit codes.</summary>
internal static class VaultAccess
{
    public static void AddOptions(Command command)
    {
        command.Options.Add(new Option<string?>("--vault") { Description = "The vault folder (default: AMPARO_VAULT, else your user data folder /amparo/vault)" });
        command.Options.Add(new Option<string?>("--actor") { Description = "Your name for the custody log (default: your login name)" });
    }

    public static async Task<int> RunAsync(ParseResult parseResult, bool createIfMissing, Func<EvidenceVault, string, TextWriter, Task<int>> body, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        string folder = Path.GetFullPath(parseResult.GetValue<string?>("--vault") is { Length: > 0 } v ? v
            : Environment.GetEnvironmentVariable("AMPARO_VAULT") is { Length: > 0 } e ? e
            : SqliteVault.DefaultFolder);
        string actor = parseResult.GetValue<string?>("--actor") is { Length: > 0 } a ? a : Environment.UserName;
        try
        {
            EvidenceVault vault;
            if (await SqliteVault.ExistsAsync(folder, cancellationToken).ConfigureAwait(false))
            {
                vault = await SqliteVault.OpenAsync(folder, Passphrase(confirm: false), null, cancellationToken).ConfigureAwait(false);
            }
            else if (createIfMissing)
            {
                string passphrase = Passphrase(confirm: true);
                if (passphrase.Length < 8)
                {
                    throw new UsageException("the vault passphrase must have at least 8 characters (a few unrelated words are best)");
                }

                var options = VaultOptions.Default;
                if (Environment.GetEnvironmentVariable("AMPARO_TEST_KDF_ITERATIONS") is { Length: > 0 } it && int.TryParse(it, CultureInfo.InvariantCulture, out int iterations))
                {
                    await error.WriteLineAsync($"amparo: warning: AMPARO_TEST_KDF_ITERATIONS={iterations} makes this vault's passphrase cheap to guess; use it only in tests.").ConfigureAwait(false);
                    options = options with { KdfIterations = iterations };
                }

                vault = await SqliteVault.CreateAsync(folder, passphrase, options, cancellationToken).ConfigureAwait(false);
                await error.WriteLineAsync($"Created a new encrypted vault at {folder}. Keep the passphrase safe: without it nobody can open the evidence.").ConfigureAwait(false);
            }
            else
            {
                throw new UsageException($"there is no vault at {folder}; open a case first with `amparo case new` (or choose one with --vault DIR or AMPARO_VAULT)");
            }

            await using (vault.ConfigureAwait(false))
            {
                await error.WriteLineAsync($"Vault: {folder}").ConfigureAwait(false);
                return await body(vault, actor, output).ConfigureAwait(false);
            }
        }
        catch (WrongPassphraseException ex)
        {
            await error.WriteLineAsync($"amparo: {ex.Message}").ConfigureAwait(false);
            return Cli.UnusableInput;
        }
        catch (EvidenceNotFoundException ex)
        {
            await error.WriteLineAsync($"amparo: {ex.Message}").ConfigureAwait(false);
            return Cli.UnusableInput;
        }
        catch (EvidenceIntegrityException ex)
        {
            await error.WriteLineAsync($"amparo: {ex.Message}").ConfigureAwait(false);
            return EvidenceCommand.VerificationFailed;
        }
        catch (EvidenceException ex)
        {
            await error.WriteLineAsync($"amparo: {ex.Message}").ConfigureAwait(false);
            return Cli.UnusableInput;
        }
        catch (ArgumentException ex) when (ex.ParamName is not null)
        {
            await error.WriteLineAsync($"amparo: {ex.Message}").ConfigureAwait(false);
            return Cli.UnusableInput;
        }
    }

    private static string Passphrase(bool confirm)
    {
        if (Environment.GetEnvironmentVariable("AMPARO_PASSPHRASE") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        if (Console.IsInputRedirected)
        {
            throw new UsageException("the vault needs its passphrase: run in a terminal to be asked, or set AMPARO_PASSPHRASE for scripts");
        }

        string first = Prompt(confirm ? "New vault passphrase: " : "Vault passphrase: ");
        if (confirm && !string.Equals(first, Prompt("Type it again: "), StringComparison.Ordinal))
        {
            throw new UsageException("the two passphrases differ; nothing was created");
        }

        return first;
    }

    /// <summary>Reads a line without echoing it.</summary>
    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0)
                {
                    sb.Length--;
                }

                continue;
            }

            if (!char.IsControl(key.KeyChar))
            {
                sb.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return sb.ToString();
    }
}
