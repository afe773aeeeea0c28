using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Amparo.Cli.Tests.Evidence;

public sealed class EvidenceCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("amparo-cli-").FullName;
    private readonly AmparoProcess _amparo;

    public EvidenceCommandTests() => _amparo = new AmparoProcess(Path.Combine(_dir, "vault"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task Opens_a_case_stores_files_verifies_exports_and_checks_the_bundle()
    {
        var created = await _amparo.RunAsync("case", "new", "--title", "Messages from gamer_12", "--notes", "Started in March", "--actor", "ana");
        created.Exit.ShouldBe(0, created.Err);
        created.Out.ShouldContain("Opened case C-0001");
        created.Err.ShouldContain("Created a new encrypted vault");

        string chat = Write("chat.txt", Encoding.UTF8.GetBytes("14/03/2026, 09:00 - gamer_12: hi\n"));
        string shot = Write("shot.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        var added = await _amparo.RunAsync("evidence", "add", "C-0001", chat, shot, "--device", "Pixel 7", "--app", "WhatsApp", "--source", "exported by Sofía", "--actor", "ana");
        added.Exit.ShouldBe(0, added.Err);
        added.Out.ShouldContain($"Stored #2 chat.txt (33 bytes, text/plain) sha256 {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(chat)))}");

        var suspect = await _amparo.RunAsync("case", "suspect", "C-0001", "--username", "gamer_12", "--profile-url", "https://example.org/gamer_12");
        suspect.Exit.ShouldBe(0, suspect.Err);

        var list = await _amparo.RunAsync("evidence", "list", "C-0001");
        list.Exit.ShouldBe(0, list.Err);
        list.Out.ShouldContain("shot.png [never displayed]");
        list.Out.ShouldContain("device: Pixel 7; app: WhatsApp; source: exported by Sofía");
        list.Out.ShouldContain("Suspect username: gamer_12");

        var cases = await _amparo.RunAsync("case", "list");
        cases.Out.ShouldContain("C-0001");
        cases.Out.ShouldContain("Messages from gamer_12");

        var verify = await _amparo.RunAsync("evidence", "verify", "C-0001");
        verify.Exit.ShouldBe(0, verify.Out + verify.Err);
        verify.Out.ShouldContain("OK: nothing was altered, removed, added or reordered");

        string report = Write("report.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 pretend"));
        string bundle = Path.Combine(_dir, "bundle.zip");
        var export = await _amparo.RunAsync("evidence", "export", "C-0001", "--out", bundle, "--include", report, "--recipient", "CEOP");
        export.Exit.ShouldBe(0, export.Err);
        export.Out.ShouldContain("Signing key fingerprint");
        File.Exists(bundle + ".partial").ShouldBeFalse();
        using (var zip = ZipFile.OpenRead(bundle))
        {
            zip.Entries.Select(e => e.FullName).ShouldContain("report/report.pdf");
            zip.Entries.Select(e => e.FullName).ShouldContain("originals/0002-chat.txt");
        }

        var check = await _amparo.RunAsync("evidence", "verify-bundle", bundle);
        check.Exit.ShouldBe(0, check.Out);
        check.Out.ShouldContain("is intact");

        var again = await _amparo.RunAsync("evidence", "export", "C-0001", "--out", bundle);
        again.Exit.ShouldBe(2);
        again.Err.ShouldContain("already exists");

        using (var zip = ZipFile.Open(bundle, ZipArchiveMode.Update))
        {
            zip.GetEntry("originals/0002-chat.txt")!.Delete();
            using var s = zip.CreateEntry("originals/0002-chat.txt").Open();
            s.Write("14/03/2026, 09:00 - gamer_12: bye\n"u8);
        }

        var tampered = await _amparo.RunAsync("evidence", "verify-bundle", bundle);
        tampered.Exit.ShouldBe(3);
        tampered.Out.ShouldContain("originals/0002-chat.txt: its SHA-256 is");
    }

    [Fact]
    public async Task Verify_exits_non_zero_and_names_the_file_whose_stored_bytes_changed()
    {
        (await _amparo.RunAsync("case", "new", "--title", "t")).Exit.ShouldBe(0);
        string file = Write("voice.ogg", Encoding.ASCII.GetBytes("OggS and some audio bytes"));
        (await _amparo.RunAsync("evidence", "add", "C-0001", file)).Exit.ShouldBe(0);
        string blob = Directory.EnumerateFiles(Path.Combine(_amparo.Vault, "blobs"), "*.blob", SearchOption.AllDirectories).Single();
        byte[] bytes = File.ReadAllBytes(blob);
        bytes[40] ^= 1;
        File.WriteAllBytes(blob, bytes);
        var verify = await _amparo.RunAsync("evidence", "verify", "C-0001");
        verify.Exit.ShouldBe(3);
        verify.Out.ShouldContain("ALTERED: item #2 'voice.ogg'");
        var export = await _amparo.RunAsync("evidence", "export", "C-0001", "--out", Path.Combine(_dir, "b.zip"));
        export.Exit.ShouldBe(3);
        File.Exists(Path.Combine(_dir, "b.zip")).ShouldBeFalse();
        File.Exists(Path.Combine(_dir, "b.zip.partial")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_wrong_or_missing_passphrase_is_a_clear_usage_error()
    {
        (await _amparo.RunAsync("case", "new", "--title", "t")).Exit.ShouldBe(0);
        var wrong = await _amparo.RunWithAsync("not the passphrase", "case", "list");
        wrong.Exit.ShouldBe(2);
        wrong.Err.ShouldContain("passphrase is not the one this vault was created with");
        var missing = await _amparo.RunWithAsync(null, "case", "list");
        missing.Exit.ShouldBe(2);
        missing.Err.ShouldContain("AMPARO_PASSPHRASE");
    }

    [Fact]
    public async Task Commands_on_a_missing_vault_or_file_say_what_is_missing()
    {
        var noVault = await _amparo.RunAsync("case", "list");
        noVault.Exit.ShouldBe(2);
        noVault.Err.ShouldContain("there is no vault at");
        (await _amparo.RunAsync("case", "new", "--title", "t")).Exit.ShouldBe(0);
        var noFile = await _amparo.RunAsync("evidence", "add", "C-0001", Path.Combine(_dir, "nope.txt"));
        noFile.Exit.ShouldBe(2);
        noFile.Err.ShouldContain("nope.txt: no such file or folder (nothing was added)");
        var noCase = await _amparo.RunAsync("evidence", "list", "C-0042");
        noCase.Exit.ShouldBe(2);
        noCase.Err.ShouldContain("There is no case C-0042");
    }

    [Fact]
    public async Task Export_can_seal_the_complaint_report_in_with_the_evidence_it_describes()
    {
        (await _amparo.RunAsync("case", "new", "--title", "Chat", "--actor", "ana")).Exit.ShouldBe(0);
        var added = await _amparo.RunAsync("evidence", "add", "C-0001", Amparo.Testing.RepoPaths.InRepo("samples", "whatsapp-en.txt"), "--actor", "ana");
        added.Exit.ShouldBe(0, added.Err);

        string bundle = Path.Combine(_dir, "bundle.zip");
        var export = await _amparo.RunAsync("evidence", "export", "C-0001", "--out", bundle, "--with-report", "es");
        export.Exit.ShouldBe(0, export.Err);
        string pdf = Path.Combine(_dir, "complaint.pdf");
        using (var zip = ZipFile.OpenRead(bundle))
        {
            var entry = zip.GetEntry("report/complaint-C-0001-es.pdf");
            entry.ShouldNotBeNull(string.Join(", ", zip.Entries.Select(e => e.FullName)));
            entry.ExtractToFile(pdf);
        }

        string text = Amparo.Cli.Tests.Reporting.AmparoProcess.PdfText(pdf);
        text.ShouldContain("C-0001");
        text.ShouldContain("Denuncia", Case.Insensitive);
        var check = await _amparo.RunAsync("evidence", "verify-bundle", bundle);
        check.Exit.ShouldBe(0, check.Out);

        var bad = await _amparo.RunAsync("evidence", "export", "C-0001", "--out", Path.Combine(_dir, "b2.zip"), "--with-report", "fr");
        bad.Exit.ShouldBe(2);
        bad.Err.ShouldContain("use en or es");
    }

    [Fact]
    public async Task Adding_a_chat_export_also_stores_the_imported_conversation_linked_to_it()
    {
        (await _amparo.RunAsync("case", "new", "--title", "t")).Exit.ShouldBe(0);
        // A tiny made-up WhatsApp export (mild, written for this test).
        string chat = Write("WhatsApp Chat with gamer_12.txt", Encoding.UTF8.GetBytes(
            "14/03/2026, 09:00 - gamer_12: hi, do you play too?\n14/03/2026, 09:01 - Sofi: yes\n14/03/2026, 09:02 - gamer_12: cool\n"));
        var added = await _amparo.RunAsync("evidence", "add", "C-0001", chat);
        added.Exit.ShouldBe(0, added.Err);
        added.Out.ShouldContain("Imported #3 WhatsApp Chat with gamer_12.conversation.json");
        added.Out.ShouldContain("3 messages (whatsapp), linked to #2");

        var list = await _amparo.RunAsync("evidence", "list", "C-0001");
        list.Out.ShouldContain("WhatsApp Chat with gamer_12.conversation.json from #2");

        string bundle = Path.Combine(_dir, "b.zip");
        (await _amparo.RunAsync("evidence", "export", "C-0001", "--out", bundle)).Exit.ShouldBe(0);
        using var zip = ZipFile.OpenRead(bundle);
        using var reader = new StreamReader(zip.GetEntry("derived/0003-WhatsApp_Chat_with_gamer_12.conversation.json")!.Open());
        string json = await reader.ReadToEndAsync();
        json.ShouldContain("\"author\":\"gamer_12\"");
        json.ShouldContain("hi, do you play too?");
        using var uco = new StreamReader(zip.GetEntry("case-uco.jsonld")!.Open());
        (await uco.ReadToEndAsync()).ShouldContain("\"uco-observable:messageText\": \"hi, do you play too?\"");
    }
}
