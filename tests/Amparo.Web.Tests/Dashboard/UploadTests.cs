using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Amparo.Web.Tests.Infrastructure;

namespace Amparo.Web.Tests.Dashboard;

public sealed class UploadTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 1, 2, 3];

    [Fact]
    public async Task An_upload_goes_into_the_vault_encrypted_with_its_hashes_and_the_user_in_the_custody_log()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org", name: "Ana");
        string caseId = await client.CreateCaseAsync("Case");
        byte[] secretText = "a distinctive sentence that must never sit on disk in clear"u8.ToArray();
        var res = await client.UploadAsync(caseId, ("shot.png", Png), ("notes.txt", secretText));
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());

        var c = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}");
        var png = c.GetProperty("evidence").EnumerateArray().Single(e => e.GetProperty("fileName").GetString() == "shot.png");
        png.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Png)));
        png.GetProperty("md5").GetString().ShouldBe(Convert.ToHexStringLower(MD5.HashData(Png)));
        png.GetProperty("role").GetString().ShouldBe("original");
        png.GetProperty("showAsPlaceholder").GetBoolean().ShouldBeTrue();
        png.GetProperty("size").GetInt64().ShouldBe(Png.Length);

        // Encrypted at rest: the text appears in no file of the data folder, and no staging copy is left.
        foreach (var file in Directory.EnumerateFiles(factory.DataDirectory, "*", SearchOption.AllDirectories))
        {
            File.ReadAllBytes(file).AsSpan().IndexOf(secretText).ShouldBe(-1, file);
        }

        var log = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}/activity");
        var entries = log.EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString(), Source: e.GetProperty("source").GetString())).ToList();
        entries.ShouldContain(e => e.Action == "case.create" && e.Actor!.Contains("Ana <ana@example.org>", StringComparison.Ordinal) && e.Source == "custody");
        entries.Count(e => e.Action == "item.add" && e.Actor!.Contains("ana@example.org", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_and_nothing_is_stored()
    {
        using var factory = new AmparoFactory(new() { ["Amparo:MaxUploadBytes"] = "1000" });
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org");
        string caseId = await client.CreateCaseAsync("Case");
        var res = await client.UploadAsync(caseId, ("big.txt", new byte[5000]));
        res.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var c = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}");
        c.GetProperty("files").GetArrayLength().ShouldBe(0);
        Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "tmp")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_hostile_file_name_is_kept_as_plain_text_without_its_path()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org");
        string caseId = await client.CreateCaseAsync("Case");
        const string name = "../../<img src=x onerror=alert(1)>'javascript:alert(1)'.txt";
        (await client.UploadAsync(caseId, (name, "hello"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var c = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}");
        // The path part is dropped; the rest is data for textContent, not markup.
        c.GetProperty("files")[0].GetProperty("fileName").GetString().ShouldBe("<img src=x onerror=alert(1)>'javascript:alert(1)'.txt");
    }

    [Fact]
    public async Task Verify_names_an_original_altered_behind_the_vaults_back()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org");
        string caseId = await client.CreateCaseAsync("Case");
        (await client.UploadAsync(caseId, ("a.txt", "first file"u8.ToArray()), ("b.txt", "second file"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ok = await (await client.PostAsync($"/app/cases/{caseId}/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        ok.GetProperty("ok").GetBoolean().ShouldBeTrue();
        ok.GetProperty("itemsChecked").GetInt32().ShouldBe(2);

        string sha = Convert.ToHexStringLower(SHA256.HashData("first file"u8));
        string blob = Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "vault", "blobs"), "*", SearchOption.AllDirectories).Single(f => Path.GetFileName(f).StartsWith(sha, StringComparison.Ordinal));
        File.SetAttributes(blob, FileAttributes.Normal);
        byte[] bytes = File.ReadAllBytes(blob);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(blob, bytes);

        var bad = await (await client.PostAsync($"/app/cases/{caseId}/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        bad.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var finding = bad.GetProperty("findings").EnumerateArray().Single();
        finding.GetProperty("kind").GetString().ShouldBe("altered");
        finding.GetProperty("subject").GetString()!.ShouldContain("a.txt");
        (await client.Http.GetStringAsync($"/app/cases/{caseId}/activity")).ShouldContain("FAILED");
    }
}
