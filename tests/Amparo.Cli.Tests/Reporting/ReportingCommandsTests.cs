using Amparo.Core.Interchange;
using Amparo.Evidence;
using Amparo.Evidence.Sqlite;
using Amparo.Importers;
using Amparo.Testing;

namespace Amparo.Cli.Tests.Reporting;

public sealed class ReportingCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("amparo-cli-report-").FullName;

    [Fact]
    public async Task Where_to_report_lists_Colombian_channels_in_Spanish_with_sources()
    {
        var r = await AmparoProcess.RunAsync(["where-to-report", "--country", "CO", "--lang", "es"]);
        r.ExitCode.ShouldBe(0, r.Err);
        r.Out.ShouldContain("Dónde denunciar en Colombia");
        r.Out.ShouldContain("Te Protejo");
        r.Out.ShouldContain("Teléfono: 141");
        r.Out.ShouldContain("Fuente:");
        r.Out.ShouldContain("comprobado 2026-");
    }

    [Fact]
    public async Task Where_to_report_guesses_the_country_and_language_from_LANG()
    {
        var r = await AmparoProcess.RunAsync(["where-to-report"], env: new Dictionary<string, string?> { ["LANG"] = "es_CL.UTF-8" });
        r.ExitCode.ShouldBe(0, r.Err);
        r.Out.ShouldContain("Dónde denunciar en Chile");
        r.Out.ShouldContain("PDI");
        r.Out.ShouldContain("país deducido");
    }

    [Fact]
    public async Task Where_to_report_falls_back_to_INHOPE_for_an_unknown_country()
    {
        var r = await AmparoProcess.RunAsync(["where-to-report", "--country", "FR"]);
        r.ExitCode.ShouldBe(0, r.Err);
        r.Out.ShouldContain("No entry for FR");
        r.Out.ShouldContain("INHOPE");
    }

    [Fact]
    public async Task Check_password_reads_standard_input_and_explains()
    {
        var r = await AmparoProcess.RunAsync(["check-password"], stdin: "password123\n");
        r.ExitCode.ShouldBe(0, r.Err);
        r.Out.ShouldContain("Very weak");
        r.Out.ShouldNotContain("password123");
    }

    [Fact]
    public async Task Check_password_refuses_a_password_on_the_command_line()
    {
        var r = await AmparoProcess.RunAsync(["check-password", "hunter2"], stdin: "");
        r.ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task Check_password_prints_the_checklist_in_Spanish()
    {
        var r = await AmparoProcess.RunAsync(["check-password", "--checklist", "--lang", "es"]);
        r.ExitCode.ShouldBe(0, r.Err);
        r.Out.ShouldContain("Lista de verificación");
        r.Out.ShouldContain("[ ] Activa las actualizaciones automáticas");
    }

    [Fact]
    public async Task Report_writes_a_PDF_and_an_HTML_file_from_the_sample_case()
    {
        var pdf = Path.Combine(_dir, "denuncia.pdf");
        var r = await AmparoProcess.RunAsync(["report", RepoPaths.InRepo("samples", "report-case", "case-es.json"), "--out", pdf]);
        r.ExitCode.ShouldBe(0, r.Err);
        AmparoProcess.PdfText(pdf, 1).ShouldContain("Mónica Peña");

        var html = Path.Combine(_dir, "report.html");
        r = await AmparoProcess.RunAsync(["report", RepoPaths.InRepo("samples", "report-case", "case-en.json"), "--out", html, "--lang", "en"]);
        r.ExitCode.ShouldBe(0, r.Err);
        (await File.ReadAllTextAsync(html)).ShouldContain("&lt;Media omitted&gt;");
        Directory.GetFiles(_dir, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public async Task Report_refuses_unknown_output_types_and_missing_cases_with_exit_code_2()
    {
        var r = await AmparoProcess.RunAsync(["report", RepoPaths.InRepo("samples", "report-case", "case-en.json"), "--out", Path.Combine(_dir, "x.docx")]);
        r.ExitCode.ShouldBe(2);
        r.Err.ShouldContain(".pdf or .html");
        r = await AmparoProcess.RunAsync(["report", "C-0009", "--vault", Path.Combine(_dir, "no-vault")]);
        r.ExitCode.ShouldBe(2);
        r.Err.ShouldContain("no vault");
    }

    [Fact]
    public async Task Report_reads_a_real_vault_case_analyses_it_and_states_the_verified_custody_chain()
    {
        var vaultDir = Path.Combine(_dir, "vault");
        const string Passphrase = "correct horse battery staple";
        string caseId;
        await using (var vault = await SqliteVault.CreateAsync(vaultDir, Passphrase, new VaultOptions { KdfIterations = 1_000 }))
        {
            var created = await vault.CreateCaseAsync(new NewCase { Title = "Chat with Jay" }, "Alex Smith");
            caseId = created.Id;
            var chatPath = RepoPaths.InRepo("samples", "whatsapp-en.txt");
            EvidenceItem original;
            await using (var chat = File.OpenRead(chatPath))
            {
                original = await vault.AddOriginalAsync(caseId, chat, new NewOriginal
                {
                    FileName = "whatsapp-en.txt",
                    Capture = new CaptureMetadata { CapturedBy = "Alex Smith", Device = "Sam's phone", App = "WhatsApp" },
                }, "Alex Smith");
            }

            var imported = await KnownImporters.CreateDefault().ReadAllAsync(chatPath);
            var line = InterchangeJsonl.ToJson(imported.Conversations.ShouldHaveSingleItem()) + "\n";
            await vault.AddDerivedAsync(caseId, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(line)), new NewDerived
            {
                DerivedFrom = original.Sha256,
                Kind = ItemKinds.Conversation,
                FileName = "whatsapp-en.jsonl",
                MediaType = "application/x-ndjson",
            }, "Alex Smith");
            await vault.AddSuspectIdentifierAsync(caseId, new SuspectIdentifier("profile-url", "https://example.org/u/jay_eastside_sample"), "Alex Smith");
        }

        var pdf = Path.Combine(_dir, "vault-report.pdf");
        var r = await AmparoProcess.RunAsync(
            ["report", caseId, "--vault", vaultDir, "--out", pdf, "--lang", "en", "--role", "parent"],
            env: new Dictionary<string, string?> { ["AMPARO_PASSPHRASE"] = Passphrase });
        r.ExitCode.ShouldBe(0, r.Err);
        var page1 = AmparoProcess.PdfText(pdf, 1);
        page1.ShouldContain(caseId);
        page1.ShouldContain("Alex Smith");
        page1.ShouldContain("https://example.org/u/jay_eastside_sample");
        page1.ShouldContain("verified");
        var all = AmparoProcess.PdfText(pdf);
        all.ShouldContain("Amparo detection engine");
        all.ShouldContain(Sha256Of(RepoPaths.InRepo("samples", "whatsapp-en.txt")));

        var wrong = await AmparoProcess.RunAsync(["report", caseId, "--vault", vaultDir, "--out", pdf], env: new Dictionary<string, string?> { ["AMPARO_PASSPHRASE"] = "wrong" });
        wrong.ExitCode.ShouldBe(2);
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
