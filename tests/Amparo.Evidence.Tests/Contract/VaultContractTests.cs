using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amparo.Core;
using Amparo.Core.Interchange;
using Amparo.Evidence.Bundle;
using Amparo.Evidence.Custody;
using Amparo.Evidence.Storage;
using Amparo.Evidence.Verification;

namespace Amparo.Evidence.Tests.Contract;

/// <summary>
/// The vault's behaviour, written once and run against every provider (derive a class per provider and give it
/// a <typeparamref name="TProvider"/>). Each test gets a fresh, empty vault.
/// </summary>
public abstract class VaultContractTests<TProvider> : IAsyncLifetime
    where TProvider : IVaultTestProvider, new()
{
    protected const string Passphrase = "correct horse battery staple";
    protected static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    protected TProvider Provider { get; } = new();

    protected FakeClock Clock { get; } = new(Start);

    protected EvidenceVault Vault { get; private set; } = null!;

    /// <summary>Small chunks so modest test files still span several encrypted chunks.</summary>
    protected VaultOptions Options => new() { TimeProvider = Clock, KdfIterations = 1_000, ChunkSize = 4096 };

    public async Task InitializeAsync() => Vault = await EvidenceVault.CreateAsync(Provider.CreateStore(), Passphrase, Options);

    public async Task DisposeAsync()
    {
        await Vault.DisposeAsync();
        await Provider.DisposeAsync();
    }

    protected static byte[] Bytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    protected async Task<(EvidenceCase Case, EvidenceItem Chat, EvidenceItem Shot)> CaseWithTwoItemsAsync()
    {
        var c = await Vault.CreateCaseAsync(new NewCase { Title = "Messages from 'gamer_12'", Notes = "Started in March" }, "ana");
        var chat = await Vault.AddOriginalAsync(c.Id, new MemoryStream(Encoding.UTF8.GetBytes("14/03/2026, 09:00 - gamer_12: hi\n")), new NewOriginal
        {
            FileName = "WhatsApp Chat with gamer_12.txt",
            Capture = new CaptureMetadata { CapturedBy = "ana", CapturedAt = Start.AddHours(-1), Device = "Pixel 7", App = "WhatsApp", Source = "Exported from the chat" },
        }, "ana");
        var shot = await Vault.AddOriginalAsync(c.Id, new MemoryStream(Png(20_000)), new NewOriginal { FileName = "profile.png", MayDepictMinor = false }, "ana");
        return (c, chat, shot);
    }

    /// <summary>Bytes that start like a PNG (the vault sniffs the type) followed by random data.</summary>
    protected static byte[] Png(int length)
    {
        byte[] data = Bytes(length, length);
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(data, 0);
        return data;
    }

    [Fact]
    public async Task Creates_cases_with_sequential_ids_and_lists_them()
    {
        var a = await Vault.CreateCaseAsync(new NewCase { Title = "First" }, "ana");
        var b = await Vault.CreateCaseAsync(new NewCase { Title = "Second", Notes = "note" }, "luis");
        a.Id.ShouldBe("C-0001");
        b.Id.ShouldBe("C-0002");
        var list = await Vault.ListCasesAsync();
        list.Select(c => (c.Id, c.Title, c.CreatedBy)).ShouldBe([("C-0001", "First", "ana"), ("C-0002", "Second", "luis")]);
        list[1].Notes.ShouldBe("note");
        list[0].CreatedAt.ShouldBe(Start.AddSeconds(1), "the clock's first reading dated the vault itself");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(3 * 4096)]
    [InlineData(50_000)]
    public async Task Stores_an_original_and_gives_back_exactly_the_same_bytes(int length)
    {
        var c = await Vault.CreateCaseAsync(new NewCase { Title = "t" }, "ana");
        byte[] data = Bytes(length, 7);
        var item = await Vault.AddOriginalAsync(c.Id, new MemoryStream(data), new NewOriginal { FileName = "x.bin" }, "ana");
        item.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(data)));
        item.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(data)));
        item.Size.ShouldBe(length);
        await using var read = await Vault.OpenItemAsync(c.Id, item.Sha256);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        copy.ToArray().ShouldBe(data);
    }

    [Fact]
    public async Task Records_hashes_media_type_capture_metadata_and_who_added_it()
    {
        var (c, chat, shot) = await CaseWithTwoItemsAsync();
        var contents = await Vault.GetCaseAsync(c.Id);
        contents.Items.Count.ShouldBe(2);
        var stored = contents.Items.Single(i => i.Sha256 == chat.Sha256);
        stored.ShouldBe(chat);
        stored.Role.ShouldBe(ItemRole.Original);
        stored.MediaType.ShouldBe("text/plain");
        stored.FileName.ShouldBe("WhatsApp Chat with gamer_12.txt");
        stored.Capture!.Device.ShouldBe("Pixel 7");
        stored.Capture.App.ShouldBe("WhatsApp");
        stored.Capture.CapturedAt.ShouldBe(Start.AddHours(-1));
        stored.AddedBy.ShouldBe("ana");
        stored.ShowAsPlaceholder.ShouldBeFalse();
        shot.MediaType.ShouldBe("image/png");
        shot.ShowAsPlaceholder.ShouldBeTrue("images are never rendered: Amparo cannot know whether they show a child");
    }

    [Fact]
    public async Task Adding_the_same_content_twice_keeps_one_item_and_one_log_entry()
    {
        var c = await Vault.CreateCaseAsync(new NewCase { Title = "t" }, "ana");
        byte[] data = Bytes(10_000, 1);
        var first = await Vault.AddOriginalAsync(c.Id, new MemoryStream(data), new NewOriginal { FileName = "a.bin" }, "ana");
        var second = await Vault.AddOriginalAsync(c.Id, new MemoryStream(data), new NewOriginal { FileName = "b.bin" }, "luis");
        second.ShouldBe(first);
        (await Vault.ReadCustodyLogAsync(c.Id)).Count.ShouldBe(2);
        (await Vault.VerifyAsync(c.Id)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task The_same_file_in_two_cases_is_stored_once_and_both_verify()
    {
        var a = await Vault.CreateCaseAsync(new NewCase { Title = "a" }, "ana");
        var b = await Vault.CreateCaseAsync(new NewCase { Title = "b" }, "ana");
        byte[] data = Bytes(9_000, 2);
        await Vault.AddOriginalAsync(a.Id, new MemoryStream(data), new NewOriginal { FileName = "a.bin" }, "ana");
        await Vault.AddOriginalAsync(b.Id, new MemoryStream(data), new NewOriginal { FileName = "a.bin" }, "ana");
        (await Vault.VerifyAsync(a.Id)).IsIntact.ShouldBeTrue();
        (await Vault.VerifyAsync(b.Id)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_derived_conversation_is_linked_to_its_original()
    {
        var (c, chat, _) = await CaseWithTwoItemsAsync();
        string json = InterchangeJsonl.ToJson(SampleConversation());
        var derived = await Vault.AddDerivedAsync(c.Id, new MemoryStream(Encoding.UTF8.GetBytes(json)), new NewDerived
        {
            DerivedFrom = chat.Sha256,
            Kind = ItemKinds.Conversation,
            FileName = "conversation.json",
            MediaType = MediaTypes.Interchange,
            Description = "Imported by whatsapp",
        }, "ana");
        derived.Role.ShouldBe(ItemRole.Derived);
        derived.DerivedFrom.ShouldBe(chat.Sha256);
        var log = await Vault.ReadCustodyLogAsync(c.Id);
        log[^1].Action.ShouldBe(CustodyActions.ItemDerive);
        log[^1].Items.ShouldBe([derived.Sha256]);
        (await Vault.VerifyAsync(c.Id)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_derived_item_must_name_an_original_of_the_case()
    {
        var c = await Vault.CreateCaseAsync(new NewCase { Title = "t" }, "ana");
        await Should.ThrowAsync<EvidenceNotFoundException>(() => Vault.AddDerivedAsync(c.Id, new MemoryStream([1, 2, 3]), new NewDerived
        {
            DerivedFrom = new string('a', 64),
            Kind = ItemKinds.Analysis,
            FileName = "analysis.json",
            MediaType = "application/json",
        }, "ana"));
        (await Vault.VerifyAsync(c.Id)).IsIntact.ShouldBeTrue("a refused add leaves nothing behind");
    }

    [Fact]
    public async Task Notes_and_suspect_identifiers_are_stored_and_logged()
    {
        var c = await Vault.CreateCaseAsync(new NewCase { Title = "t" }, "ana");
        await Vault.AddNoteAsync(c.Id, "He asked her to keep it secret.", "ana");
        await Vault.AddSuspectIdentifierAsync(c.Id, new SuspectIdentifier(IdentifierKinds.Username, "gamer_12"), "ana");
        await Vault.AddSuspectIdentifierAsync(c.Id, new SuspectIdentifier(IdentifierKinds.ProfileUrl, "https://example.org/u/gamer_12"), "ana");
        await Vault.AddSuspectIdentifierAsync(c.Id, new SuspectIdentifier(IdentifierKinds.Phone, "+56 9 1234 5678"), "luis");
        var contents = await Vault.GetCaseAsync(c.Id);
        contents.Notes.Single().Text.ShouldBe("He asked her to keep it secret.");
        contents.Notes.Single().Author.ShouldBe("ana");
        contents.Suspect.Select(s => s.Kind).ShouldBe([IdentifierKinds.Username, IdentifierKinds.ProfileUrl, IdentifierKinds.Phone]);
        var log = await Vault.ReadCustodyLogAsync(c.Id);
        log.Select(e => e.Action).ShouldBe([CustodyActions.CaseCreate, CustodyActions.NoteAdd, CustodyActions.SuspectAdd, CustodyActions.SuspectAdd, CustodyActions.SuspectAdd]);
        log[^1].Actor.ShouldBe("luis");
    }

    [Fact]
    public async Task The_custody_log_chains_every_change_with_the_injected_time_and_the_actor()
    {
        var (c, chat, shot) = await CaseWithTwoItemsAsync();
        var log = await Vault.ReadCustodyLogAsync(c.Id);
        log.Count.ShouldBe(3);
        log.Select(e => e.Seq).ShouldBe([1L, 2L, 3L]);
        log[0].Previous.ShouldBe(CustodyLine.Genesis);
        for (int i = 0; i < log.Count; i++)
        {
            log[i].Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(log[i].Line))));
            if (i > 0)
            {
                log[i].Previous.ShouldBe(log[i - 1].Hash);
                log[i].Time.ShouldBeGreaterThan(log[i - 1].Time);
            }
        }

        log[0].Time.ShouldBe(Start.AddSeconds(1));
        log.Select(e => e.Actor).ShouldAllBe(a => a == "ana");
        log[1].Items.ShouldBe([chat.Sha256]);
        log[2].Items.ShouldBe([shot.Sha256]);
        log[1].Line.ShouldStartWith("{\"v\":1,\"seq\":2,\"time\":\"2026-03-14T09:00:02.0000000Z\",\"case\":\"C-0001\",\"actor\":\"ana\",\"action\":\"item.add\"");
    }

    [Fact]
    public async Task Every_change_needs_an_actor()
    {
        var c = await Vault.CreateCaseAsync(new NewCase { Title = "t" }, "ana");
        await Should.ThrowAsync<ArgumentException>(() => Vault.AddNoteAsync(c.Id, "x", " "));
        await Should.ThrowAsync<ArgumentException>(() => Vault.AddOriginalAsync(c.Id, new MemoryStream([1]), new NewOriginal { FileName = "a" }, ""));
    }

    [Fact]
    public async Task A_wrong_passphrase_is_refused_with_a_clear_error()
    {
        var ex = await Should.ThrowAsync<WrongPassphraseException>(() => EvidenceVault.OpenAsync(Provider.CreateStore(), "not it", Options));
        ex.Message.ShouldContain("passphrase");
        await using var reopened = await EvidenceVault.OpenAsync(Provider.CreateStore(), Passphrase, Options);
        (await reopened.ListCasesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_case_that_does_not_exist_is_reported_as_such()
    {
        await Should.ThrowAsync<EvidenceNotFoundException>(() => Vault.GetCaseAsync("C-0042"));
        await Should.ThrowAsync<EvidenceNotFoundException>(() => Vault.VerifyAsync("C-0042"));
    }

    [Fact]
    public async Task No_plaintext_evidence_or_metadata_reaches_the_disk()
    {
        if (Provider.DataFolder is null)
        {
            return;
        }

        var c = await Vault.CreateCaseAsync(new NewCase { Title = "Zorblax case title" }, "ana");
        byte[] marker = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("SECRET-EVIDENCE-MARKER ", 500)));
        await Vault.AddOriginalAsync(c.Id, new MemoryStream(marker), new NewOriginal { FileName = "quixotic-name.txt", Capture = new CaptureMetadata { Device = "Frobnicator phone" } }, "ana");
        await Vault.AddNoteAsync(c.Id, "Plumbus note text", "ana");
        await Vault.AddSuspectIdentifierAsync(c.Id, new SuspectIdentifier(IdentifierKinds.Username, "gamer_zz_99"), "ana");
        foreach (string file in Directory.EnumerateFiles(Provider.DataFolder, "*", SearchOption.AllDirectories))
        {
            string content = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            foreach (string secret in new[] { "SECRET-EVIDENCE-MARKER", "Zorblax", "quixotic-name", "Frobnicator", "Plumbus", "gamer_zz_99" })
            {
                content.ShouldNotContain(secret, Case.Sensitive, $"{file} holds '{secret}' in clear");
            }
        }
    }

    [Fact]
    public async Task An_untouched_case_verifies()
    {
        var (c, _, _) = await CaseWithTwoItemsAsync();
        await Vault.AddNoteAsync(c.Id, "n", "ana");
        var report = await Vault.VerifyAsync(c.Id);
        report.Findings.ShouldBeEmpty();
        report.ItemsChecked.ShouldBe(2);
        report.LogEntries.ShouldBe(4);
        report.BytesChecked.ShouldBe(20_000 + 33);
    }

    [Fact]
    public async Task Verify_names_a_byte_flipped_in_a_stored_file()
    {
        var (c, _, shot) = await CaseWithTwoItemsAsync();
        await Provider.FlipBlobByteAsync(shot.Sha256, 32 + 5000);
        var report = await Vault.VerifyAsync(c.Id);
        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Altered);
        finding.Subject.ShouldContain("profile.png");
        finding.Detail.ShouldContain("chunk 1");
        await Should.ThrowAsync<EvidenceIntegrityException>(async () =>
        {
            await using var s = await Vault.OpenItemAsync(c.Id, shot.Sha256);
            await s.CopyToAsync(Stream.Null);
        });
    }

    [Fact]
    public async Task Verify_names_a_stored_file_replaced_by_another_vault_file()
    {
        var (c, chat, shot) = await CaseWithTwoItemsAsync();
        var store = Provider.CreateStore();
        byte[] other;
        await using (var s = store.Blobs.OpenRead(chat.Sha256))
        {
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms);
            other = ms.ToArray();
        }

        await Provider.AddStrayBlobAsync(shot.Sha256, other);
        var finding = (await Vault.VerifyAsync(c.Id)).Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Altered);
        finding.Subject.ShouldContain("profile.png");
        finding.Detail.ShouldContain("replaced");
    }

    [Fact]
    public async Task Verify_names_a_deleted_item_row()
    {
        var (c, chat, _) = await CaseWithTwoItemsAsync();
        await Provider.DeleteRecordAsync(c.Id, chat.Id);
        var finding = (await Vault.VerifyAsync(c.Id)).Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Removed);
        finding.Subject.ShouldContain("WhatsApp Chat with gamer_12.txt");
        finding.Detail.ShouldContain("entry #2");
    }

    [Fact]
    public async Task Verify_names_a_deleted_log_entry()
    {
        var (c, chat, _) = await CaseWithTwoItemsAsync();
        await Provider.DeleteLogEntryAsync(c.Id, 2);
        var finding = (await Vault.VerifyAsync(c.Id)).Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Removed);
        finding.Subject.ShouldBe("custody log entry #2");
        finding.Detail.ShouldContain(chat.FileName);
    }

    [Fact]
    public async Task Verify_names_the_last_log_entry_deleted()
    {
        var (c, _, _) = await CaseWithTwoItemsAsync();
        await Vault.AddNoteAsync(c.Id, "note", "ana");
        await Provider.DeleteLogEntryAsync(c.Id, 4);
        var findings = (await Vault.VerifyAsync(c.Id)).Findings;
        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Removed);
        finding.Subject.ShouldBe("custody log entry #4");
        finding.Detail.ShouldContain("end of the log");
    }

    [Fact]
    public async Task Verify_names_a_log_entry_edited_by_someone_who_knows_the_passphrase()
    {
        var (c, _, _) = await CaseWithTwoItemsAsync();
        var row = (await Provider.CreateStore().ReadLogAsync(c.Id)).Single(r => r.Seq == 2);
        string line = Encoding.UTF8.GetString(Vault.OpenLogBody(row.Body)!);
        byte[] edited = Encoding.UTF8.GetBytes(line.Replace("\"actor\":\"ana\"", "\"actor\":\"mallory\"", StringComparison.Ordinal));
        // The insider even recomputes the stored hash; the next entry still remembers the real one.
        await Provider.ReplaceLogEntryAsync(c.Id, 2, Vault.SealLogLine(edited), CustodyLine.Hash(edited));
        var finding = (await Vault.VerifyAsync(c.Id)).Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Altered);
        finding.Subject.ShouldBe("custody log entry #2");
        finding.Detail.ShouldContain("entry #3");
    }

    [Fact]
    public async Task Verify_names_a_log_entry_edited_without_the_passphrase()
    {
        var (c, _, _) = await CaseWithTwoItemsAsync();
        var row = (await Provider.CreateStore().ReadLogAsync(c.Id)).Single(r => r.Seq == 3);
        byte[] body = row.Body.ToArray();
        body[40] ^= 0x01;
        await Provider.ReplaceLogEntryAsync(c.Id, 3, body, null);
        var finding = (await Vault.VerifyAsync(c.Id)).Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Altered);
        finding.Subject.ShouldBe("custody log entry #3");
        finding.Detail.ShouldContain("fail authentication");
    }

    [Fact]
    public async Task Verify_names_two_swapped_log_entries()
    {
        var (c, _, _) = await CaseWithTwoItemsAsync();
        await Vault.AddNoteAsync(c.Id, "note", "ana");
        await Provider.SwapLogEntriesAsync(c.Id, 2, 3);
        var finding = (await Vault.VerifyAsync(c.Id)).Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Reordered);
        finding.Subject.ShouldBe("custody log entries #2 and #3");
        finding.Detail.ShouldContain("swapped");
    }

    [Fact]
    public async Task Verify_names_a_file_added_behind_the_vaults_back()
    {
        var (c, _, _) = await CaseWithTwoItemsAsync();
        string sha = Convert.ToHexStringLower(SHA256.HashData("planted"u8));
        await Provider.AddStrayBlobAsync(sha, Encoding.UTF8.GetBytes("planted"));
        var finding = (await Vault.VerifyAsync(c.Id)).Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Added);
        finding.Subject.ShouldContain(sha);
        finding.Detail.ShouldContain("behind the vault's back");
    }

    [Fact]
    public async Task Verify_names_a_row_added_behind_the_vaults_back()
    {
        var (c, chat, _) = await CaseWithTwoItemsAsync();
        var stolen = (await Provider.CreateStore().ReadRecordsAsync(c.Id)).Single(r => r.RecordId == chat.Id);
        await Provider.InsertRecordAsync(stolen with { RecordId = 99 });
        var finding = (await Vault.VerifyAsync(c.Id)).Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Added);
        finding.Subject.ShouldContain("#99");
    }

    [Fact]
    public async Task Two_vault_instances_on_one_store_append_in_turn_without_breaking_the_chain()
    {
        var c = await Vault.CreateCaseAsync(new NewCase { Title = "t" }, "ana");
        await using var second = await EvidenceVault.OpenAsync(Provider.CreateStore(), Passphrase, Options);
        var tasks = new List<Task>();
        for (int i = 0; i < 8; i++)
        {
            int n = i;
            var vault = n % 2 == 0 ? Vault : second;
            tasks.Add(Task.Run(() => vault.AddOriginalAsync(c.Id, new MemoryStream(Bytes(5_000, 100 + n)), new NewOriginal { FileName = $"f{n}.bin" }, "ana")));
        }

        await Task.WhenAll(tasks);
        (await Vault.GetCaseAsync(c.Id)).Items.Count.ShouldBe(8);
        (await second.VerifyAsync(c.Id)).Findings.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_add_interrupted_after_staging_leaves_nothing_behind()
    {
        var c = await Vault.CreateCaseAsync(new NewCase { Title = "t" }, "ana");
        var store = Provider.CreateStore();
        // What a process killed between sealing its staging file and committing leaves on disk.
        await using (var writer = store.Blobs.BeginWrite())
        {
            await writer.Stream.WriteAsync(Bytes(100, 3));
            await writer.SealAsync(new string('b', 64));
        }

        await using (var partial = store.Blobs.BeginWrite())
        {
            await partial.Stream.WriteAsync(Bytes(100, 4));
        }

        (await Vault.VerifyAsync(c.Id)).Findings.ShouldBeEmpty();
        store.Blobs.List().Blobs.ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_writes_a_bundle_that_verifies_with_originals_manifest_log_case_uco_and_report()
    {
        var (c, chat, shot) = await CaseWithTwoItemsAsync();
        await Vault.AddDerivedAsync(c.Id, new MemoryStream(Encoding.UTF8.GetBytes(InterchangeJsonl.ToJson(SampleConversation()))), new NewDerived
        {
            DerivedFrom = chat.Sha256,
            Kind = ItemKinds.Conversation,
            FileName = "conversation.json",
            MediaType = MediaTypes.Interchange,
        }, "ana");
        await Vault.AddSuspectIdentifierAsync(c.Id, new SuspectIdentifier(IdentifierKinds.Username, "gamer_12"), "ana");
        byte[] report = Encoding.UTF8.GetBytes("%PDF-1.7 pretend report");
        using var zipStream = new MemoryStream();
        var result = await Vault.ExportAsync(c.Id, zipStream, new ExportOptions
        {
            Recipient = "PDI Cibercrimen",
            ExtraFiles = [new BundleExtraFile { Path = "report/report.pdf", MediaType = "application/pdf", Open = _ => Task.FromResult<Stream>(new MemoryStream(report)) }],
        }, "luis");
        result.SigningKeyFingerprint.ShouldBe(Vault.SigningKeyFingerprint);

        zipStream.Position = 0;
        var check = await BundleVerifier.VerifyAsync(zipStream);
        check.Problems.ShouldBeEmpty();
        check.CaseId.ShouldBe(c.Id);
        check.SigningKeyFingerprint.ShouldBe(Vault.SigningKeyFingerprint);
        check.CustodyEntries.ShouldBe(6);

        zipStream.Position = 0;
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        names.ShouldContain("originals/0002-WhatsApp_Chat_with_gamer_12.txt");
        names.ShouldContain("originals/0003-profile.png");
        names.ShouldContain("derived/0004-conversation.json");
        names.ShouldContain("report/report.pdf");
        names.ShouldContain(BundleLayout.Manifest);
        names.ShouldContain(BundleLayout.Signature);
        names.ShouldContain(BundleLayout.PublicKey);
        names.ShouldContain(BundleLayout.CustodyLog);
        names.ShouldContain(BundleLayout.CaseUco);
        names.ShouldContain(BundleLayout.Sums);
        (await ReadEntry(zip, "originals/0003-profile.png")).ShouldBe(Png(20_000));

        using var manifest = JsonDocument.Parse(await ReadEntry(zip, BundleLayout.Manifest));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        var chatFile = files.Single(f => f.GetProperty("path").GetString() == "originals/0002-WhatsApp_Chat_with_gamer_12.txt");
        chatFile.GetProperty("sha256").GetString().ShouldBe(chat.Sha256);
        chatFile.GetProperty("md5").GetString().ShouldBe(chat.Md5);
        chatFile.GetProperty("capture").GetProperty("device").GetString().ShouldBe("Pixel 7");
        files.Single(f => f.GetProperty("path").GetString() == "originals/0003-profile.png").GetProperty("showAsPlaceholder").GetBoolean().ShouldBeTrue();
        files.Single(f => f.GetProperty("path").GetString() == "report/report.pdf").GetProperty("role").GetString().ShouldBe("report");
        manifest.RootElement.GetProperty("case").GetProperty("suspect")[0].GetProperty("value").GetString().ShouldBe("gamer_12");

        var log = await Vault.ReadCustodyLogAsync(c.Id);
        log[^1].Action.ShouldBe(CustodyActions.CaseExport);
        log[^1].Actor.ShouldBe("luis");
        log[^1].Items.Count.ShouldBe(3);
        (await Vault.VerifyAsync(c.Id)).Findings.ShouldBeEmpty();
        _ = shot;
    }

    [Fact]
    public async Task Bundle_verification_names_a_changed_removed_or_added_file_and_a_bad_signature()
    {
        var (c, _, _) = await CaseWithTwoItemsAsync();
        using var original = new MemoryStream();
        await Vault.ExportAsync(c.Id, original, ExportOptions.Default, "ana");

        async Task<IReadOnlyList<string>> Tampered(Action<ZipArchive> change)
        {
            var copy = new MemoryStream();
            original.Position = 0;
            await original.CopyToAsync(copy);
            using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
            {
                change(zip);
            }

            copy.Position = 0;
            return (await BundleVerifier.VerifyAsync(copy)).Problems;
        }

        (await Tampered(z => Replace(z, "originals/0003-profile.png", [1, 2, 3]))).ShouldContain(p => p.StartsWith("originals/0003-profile.png:") && p.Contains("altered"));
        (await Tampered(z => z.GetEntry("originals/0002-WhatsApp_Chat_with_gamer_12.txt")!.Delete())).ShouldContain(p => p.Contains("missing from the bundle (removed)"));
        (await Tampered(z => Replace(z, "extra.txt", [1]))).ShouldContain("extra.txt: in the bundle but not in the manifest (added)");
        (await Tampered(z =>
        {
            var text = Encoding.UTF8.GetString(ReadEntry(z, BundleLayout.Manifest).Result).Replace("\"exportedBy\": \"ana\"", "\"exportedBy\": \"eve\"", StringComparison.Ordinal);
            Replace(z, BundleLayout.Manifest, Encoding.UTF8.GetBytes(text));
        })).ShouldContain(p => p.StartsWith(BundleLayout.Signature));
        (await Tampered(z =>
        {
            var lines = Encoding.UTF8.GetString(ReadEntry(z, BundleLayout.CustodyLog).Result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            (lines[1], lines[2]) = (lines[2], lines[1]);
            Replace(z, BundleLayout.CustodyLog, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        })).ShouldContain(p => p.StartsWith("custody-log.jsonl:2:"));
    }

    [Fact]
    public async Task A_case_that_fails_verification_is_not_sealed()
    {
        var (c, chat, _) = await CaseWithTwoItemsAsync();
        await Provider.FlipBlobByteAsync(chat.Sha256, 40);
        using var output = new MemoryStream();
        var ex = await Should.ThrowAsync<EvidenceIntegrityException>(() => Vault.ExportAsync(c.Id, output, ExportOptions.Default, "ana"));
        ex.Message.ShouldContain("ALTERED");
        (await Vault.ReadCustodyLogAsync(c.Id)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Case_uco_describes_files_with_hashes_messages_actions_and_provenance()
    {
        var (c, chat, shot) = await CaseWithTwoItemsAsync();
        var conversation = SampleConversation();
        var derived = await Vault.AddDerivedAsync(c.Id, new MemoryStream(Encoding.UTF8.GetBytes(InterchangeJsonl.ToJson(conversation))), new NewDerived
        {
            DerivedFrom = chat.Sha256,
            Kind = ItemKinds.Conversation,
            FileName = "conversation.json",
            MediaType = MediaTypes.Interchange,
        }, "ana");
        await Vault.AddSuspectIdentifierAsync(c.Id, new SuspectIdentifier(IdentifierKinds.Phone, "+56 9 1234 5678"), "ana");
        using var zipStream = new MemoryStream();
        await Vault.ExportAsync(c.Id, zipStream, ExportOptions.Default, "ana");
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        using var doc = JsonDocument.Parse(await ReadEntry(zip, BundleLayout.CaseUco));
        var graph = doc.RootElement.GetProperty("@graph").EnumerateArray().ToList();

        var files = graph.Where(n => Types(n) == "uco-observable:File").ToList();
        files.Count.ShouldBe(3);
        foreach (var item in new[] { chat, shot, derived })
        {
            files.ShouldContain(f => f.GetProperty("uco-core:hasFacet").EnumerateArray().Any(facet =>
                facet.GetProperty("@type").GetString() == "uco-observable:ContentDataFacet"
                && facet.GetProperty("uco-observable:hash").EnumerateArray().Any(h =>
                    h.GetProperty("uco-types:hashMethod").GetString() == "SHA256" && h.GetProperty("uco-types:hashValue").GetProperty("@value").GetString() == item.Sha256)
                && facet.GetProperty("uco-observable:hash").EnumerateArray().Any(h =>
                    h.GetProperty("uco-types:hashMethod").GetString() == "MD5" && h.GetProperty("uco-types:hashValue").GetProperty("@value").GetString() == item.Md5)));
        }

        var messages = graph.Where(n => Types(n) == "uco-observable:Message").ToList();
        messages.Count.ShouldBe(conversation.Messages.Count);
        var facet0 = messages[0].GetProperty("uco-core:hasFacet")[0];
        facet0.GetProperty("@type").GetString().ShouldBe("uco-observable:MessageFacet");
        facet0.GetProperty("uco-observable:messageText").GetString().ShouldBe(conversation.Messages[0].Text);
        facet0.GetProperty("uco-observable:sentTime").GetProperty("@value").GetString().ShouldBe("2026-03-01T18:02:00.0000000Z");

        graph.Count(n => Types(n) == "case-investigation:InvestigativeAction").ShouldBe(6 + 1, "one per custody entry (5 + the export) and one capture");
        graph.Count(n => Types(n) == "case-investigation:ProvenanceRecord").ShouldBe(3);
        graph.ShouldContain(n => Types(n) == "uco-observable:ObservableRelationship" && n.GetProperty("uco-core:kindOfRelationship").GetString() == "Derived_From");
        graph.ShouldContain(n => Types(n) == "uco-observable:PhoneAccount");
        graph.Count(n => Types(n) == "case-investigation:Investigation").ShouldBe(1);
        graph.ShouldNotContain(n => n.ToString().Contains("dataPayload"), "content is never embedded, only described");

        // Every reference points at a node of the graph.
        var ids = graph.Select(n => n.GetProperty("@id").GetString()).ToHashSet();
        foreach (string reference in References(doc.RootElement.GetProperty("@graph")))
        {
            ids.ShouldContain(reference);
        }
    }

    [Fact]
    public async Task The_recipient_can_check_a_bundle_with_openssl_and_sha256sum_alone()
    {
        if (!CommandExists("openssl") || !CommandExists("sha256sum"))
        {
            Assert.Fail("openssl and sha256sum are needed (test.sh installs openssl)");
        }

        var (c, _, _) = await CaseWithTwoItemsAsync();
        string dir = Directory.CreateTempSubdirectory("amparo-bundle-").FullName;
        try
        {
            string bundle = Path.Combine(dir, "bundle.zip");
            await using (var f = File.Create(bundle))
            {
                await Vault.ExportAsync(c.Id, f, ExportOptions.Default, "ana");
            }

            string x = Path.Combine(dir, "x");
            ZipFile.ExtractToDirectory(bundle, x);
            Run(x, "openssl", "dgst -sha256 -verify public-key.pem -signature manifest.sig manifest.json").ShouldContain("Verified OK");
            string sums = Run(x, "sha256sum", "-c SHA256SUMS");
            sums.ShouldContain("originals/0002-WhatsApp_Chat_with_gamer_12.txt: OK");
            sums.ShouldNotContain("FAILED");
            string sumsHash = Run(x, "sha256sum", "SHA256SUMS")[..64];
            (await File.ReadAllTextAsync(Path.Combine(x, "manifest.json"))).ShouldContain($"\"sha256sums\": \"{sumsHash}\"");
            string fingerprint = Run(x, "sh", "-c \"openssl pkey -pubin -in public-key.pem -outform DER | sha256sum\"")[..64];
            fingerprint.ShouldBe(Vault.SigningKeyFingerprint);
            Run(x, "sh", "-c \"" + DocChainCheck.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"").ShouldContain("chain OK");

            // And the same commands notice tampering.
            await File.AppendAllTextAsync(Path.Combine(x, "originals", "0003-profile.png"), "x");
            Run(x, "sha256sum", "-c SHA256SUMS", expectFailure: true).ShouldContain("originals/0003-profile.png: FAILED");
            await File.AppendAllTextAsync(Path.Combine(x, "manifest.json"), " ");
            Run(x, "openssl", "dgst -sha256 -verify public-key.pem -signature manifest.sig manifest.json", expectFailure: true).ShouldContain("Verification failure");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The chain check shown in docs/evidence-format.md, byte for byte.</summary>
    protected const string DocChainCheck =
        "prev=0000000000000000000000000000000000000000000000000000000000000000; ok=1; " +
        "while IFS= read -r line; do " +
        "p=$(printf '%s' \"$line\" | sed -E 's/.*\"prev\":\"([0-9a-f]{64})\"}$/\\1/'); " +
        "[ \"$p\" = \"$prev\" ] || { echo \"broken at: $line\"; ok=0; }; " +
        "prev=$(printf '%s' \"$line\" | sha256sum | cut -c1-64); " +
        "done < custody-log.jsonl; [ $ok = 1 ] && echo \"chain OK, head $prev\"";

    protected static Conversation SampleConversation() => new()
    {
        Id = "chat-1",
        Source = SourceApp.WhatsApp,
        Title = "gamer_12",
        Participants = [new Participant { Id = "gamer_12", DisplayName = "gamer_12" }, new Participant { Id = "Sofi", DisplayName = "Sofi" }],
        Messages =
        [
            new Message { Index = 0, AuthorId = "gamer_12", Text = "hi, do you like the game too?", Time = MessageTime.Exact(new DateTimeOffset(2026, 3, 1, 18, 2, 0, TimeSpan.Zero)) },
            new Message { Index = 1, AuthorId = "Sofi", Text = "yes", Time = MessageTime.Local(new DateTime(2026, 3, 1, 18, 3, 0)) },
            new Message { Index = 2, AuthorId = "gamer_12", Text = "cool, talk later" },
        ],
    };

    protected static async Task<byte[]> ReadEntry(ZipArchive zip, string name)
    {
        await using var s = await zip.GetEntry(name)!.OpenAsync();
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms);
        return ms.ToArray();
    }

    private static void Replace(ZipArchive zip, string name, byte[] content)
    {
        zip.GetEntry(name)?.Delete();
        using var s = zip.CreateEntry(name).Open();
        s.Write(content);
    }

    protected static string Types(JsonElement n) => n.GetProperty("@type").ValueKind == JsonValueKind.Array
        ? string.Join(",", n.GetProperty("@type").EnumerateArray().Select(t => t.GetString())) : n.GetProperty("@type").GetString()!;

    private static IEnumerable<string> References(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var props = e.EnumerateObject().ToList();
            if (props.Count == 1 && props[0].Name == "@id")
            {
                yield return props[0].Value.GetString()!;
            }

            foreach (var p in props)
            {
                foreach (string r in References(p.Value))
                {
                    yield return r;
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
            {
                foreach (string r in References(x))
                {
                    yield return r;
                }
            }
        }
    }

    private static bool CommandExists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    private static string Run(string dir, string file, string args, bool expectFailure = false)
    {
        var psi = new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (expectFailure)
        {
            p.ExitCode.ShouldNotBe(0, output);
        }
        else
        {
            p.ExitCode.ShouldBe(0, output);
        }

        return output;
    }
}
