using System.Security.Cryptography;
using Amparo.Core;
using Amparo.Importers.Sms;
using Amparo.Testing;

namespace Amparo.Importers.Tests.Sms;

public class SmsBackupImporterTests
{
    private static readonly SmsBackupImporter Importer = new();

    private static string Fixture(string name) => RepoPaths.Data("fixtures", "sms-backup-restore", name);

    [Fact]
    public async Task Imports_the_small_backup_grouped_by_contact_with_sent_messages_from_the_exporter()
    {
        var result = await TestInput.ReadAsync(Importer, TestInput.FromFile(Fixture("sms_small.xml")));

        result.Conversations.Sum(c => c.Messages.Count).ShouldBe(12);
        result.AllDiagnostics().ShouldNotContain(d => d.Severity == DiagnosticSeverity.Error);
        var a = result.Conversations.Single(c => c.Id == "+15550000001");
        a.Source.ShouldBe(SourceApp.Sms);
        a.Title.ShouldBe("Contact A");
        a.Participants.Single(p => p.IsExporter == true).Id.ShouldBe(SmsBackupImporter.ExporterId);
        var contact = a.Participants.Single(p => p.IsExporter == false);
        contact.DisplayName.ShouldBe("Contact A");
        contact.Identifiers.ShouldContain(new ParticipantIdentifier(IdentifierKinds.Phone, "+15550000001"));

        var first = a.Messages[0];
        first.Text.ShouldBe("Body text 1");
        first.AuthorId.ShouldBe("+15550000001");
        first.Time.Kind.ShouldBe(MessageTimeKind.Exact);
        first.Time.Value.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1512226167463));
        first.Source!.Line.ShouldBe(4);
        a.Messages.Where(m => m.AuthorId == SmsBackupImporter.ExporterId).ShouldNotBeEmpty();
        a.Messages.Select(m => m.Index).ShouldBe(Enumerable.Range(0, a.Messages.Count));
        a.Messages.Select(m => m.Time.Value).ShouldBeInOrder();
    }

    [Fact]
    public async Task Keeps_line_breaks_written_as_character_references()
    {
        var result = await TestInput.ReadAsync(Importer, TestInput.FromFile(Fixture("sms_small.xml")));

        result.Conversations.SelectMany(c => c.Messages).ShouldContain(m => m.Text == "Body text 10\nBody text 11\nBody text 12");
    }

    [Fact]
    public async Task Imports_mms_with_images_hashed_and_reports_that_the_fixture_is_truncated()
    {
        var result = await TestInput.ReadAsync(Importer, TestInput.FromFile(Fixture("sms_and_mms.xml")));

        // The shared fixture stops inside its last <mms>: everything before it is kept and the break is named.
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.File.ShouldBe("sms_and_mms.xml");
        error.Line.ShouldNotBeNull();
        error.Message.ShouldContain("truncated");
        result.Conversations.Sum(c => c.Messages.Count).ShouldBe(41 + 8);

        var images = result.Conversations.SelectMany(c => c.Messages).SelectMany(m => m.Attachments).ToList();
        images.Count.ShouldBe(2);
        string expected = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")));
        images.ShouldAllBe(a => a.Sha256 == expected && a.MediaType == "image/png" && a.Size == 70);
        images.Select(a => a.FileName).ShouldBe(["image_8.png", "image_10.png"]);
    }

    [Fact]
    public async Task Mms_senders_come_from_the_from_address_and_the_exporters_number_is_learned()
    {
        var result = await TestInput.ReadAsync(Importer, TestInput.FromFile(Fixture("sms_and_mms.xml")));

        var group = result.Conversations.Single(c => c.Id == "group_8@rcs.google.com");
        group.Messages.Select(m => m.AuthorId).ShouldBe(["+15550000009", SmsBackupImporter.ExporterId, "+15550000010"]);
        group.Participants.Select(p => p.Id).ShouldNotContain("+15550000007");
        var me = group.Participants.Single(p => p.IsExporter == true);
        me.Identifiers.ShouldContain(new ParticipantIdentifier(IdentifierKinds.Phone, "+15550000007"));
        group.Messages[1].Text.ShouldBe("Body text 48");
    }

    [Fact]
    public async Task Corrupt_attachment_data_is_listed_without_a_hash_and_named_in_a_diagnostic()
    {
        var result = await TestInput.ReadAsync(Importer, TestInput.FromFile(Fixture("corrupt_attachments.xml")));

        var conversation = result.Conversations.ShouldHaveSingleItem();
        conversation.Messages.Count.ShouldBe(2);
        conversation.Messages[0].Text.ShouldBe("MMS with corrupted base64 image data");
        var attachment = conversation.Messages[0].Attachments.ShouldHaveSingleItem();
        attachment.FileName.ShouldBe("corrupt_image.png");
        attachment.Sha256.ShouldBeNull();
        conversation.Diagnostics.Count.ShouldBe(2);
        conversation.Diagnostics.ShouldAllBe(d => d.File == "corrupt_attachments.xml" && d.Line != null && d.Message.Contains("not valid base64"));
    }

    [Fact]
    public async Task An_empty_backup_gives_no_conversations_and_says_so()
    {
        var result = await TestInput.ReadAsync(Importer, TestInput.FromFile(Fixture("empty.xml")));

        result.Conversations.ShouldBeEmpty();
        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("no messages");
    }

    [Fact]
    public async Task Repairs_emoji_written_as_surrogate_pair_references()
    {
        const string xml = """
            <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
            <smses count="2">
              <sms address="+15550001" date="1700000000000" type="1" body="hi &#55357;&#56832; there" contact_name="Sam" />
              <sms address="+15550001" date="1700000001000" type="2" body="lone &#55357; half &#x1F44D; ok &#0;" contact_name="Sam" />
            </smses>
            """;

        var result = await TestInput.ReadAsync(Importer, TestInput.FromText("emoji.xml", xml));

        var messages = result.Conversations.ShouldHaveSingleItem().Messages;
        messages[0].Text.ShouldBe("hi \U0001F600 there");
        messages[1].Text.ShouldBe("lone \uFFFD half \U0001F44D ok \uFFFD");
        messages[1].AuthorId.ShouldBe(SmsBackupImporter.ExporterId);
        result.Diagnostics.ShouldContain(d => d.Message.Contains("1 emoji"));
        result.Diagnostics.ShouldContain(d => d.Message.Contains("2 character references"));
    }

    [Fact]
    public void Repairs_references_split_across_the_read_buffer()
    {
        // Put a surrogate pair reference across the 64K internal buffer boundary, at every offset around it.
        for (int shift = -20; shift <= 4; shift++)
        {
            string padding = new('a', (64 * 1024) + shift);
            using var reader = new CharacterReferenceRepair(new StringReader(padding + "&#55357;&#56832;z"));
            string output = reader.ReadToEnd();
            output.ShouldBe(padding + "&#128512;z", $"shift {shift}");
        }
    }

    [Fact]
    public void Hashes_base64_in_blocks_the_same_as_decoding_it_whole()
    {
        var bytes = new byte[100_003];
        new Random(7).NextBytes(bytes);
        string b64 = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);

        Base64Hash.TryHash(b64, out string? sha, out long size).ShouldBeTrue();

        sha.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        size.ShouldBe(bytes.Length);
        Base64Hash.TryHash("not-valid-base64-content!!", out _, out _).ShouldBeFalse();
        Base64Hash.TryHash(b64.AsSpan(0, b64.Length - 3), out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void Detects_the_format_from_content()
    {
        Importer.CanRead(File.ReadAllBytes(Fixture("sms_small.xml")), "backup.txt").ShouldBeTrue();
        Importer.CanRead("<?xml version=\"1.0\"?><conversations/>"u8, "x.xml").ShouldBeFalse();
    }
}
