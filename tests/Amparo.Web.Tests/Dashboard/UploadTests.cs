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
    public async Task An_upload_is_kept_as_an_original_with_its_hash_and_logged_with_the_user()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org", name: "Ana");
        string caseId = await client.CreateCaseAsync("Case");
        var res = await client.UploadAsync(caseId, ("shot.png", Png));
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());

        var c = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}");
        var file = c.GetProperty("files")[0];
        string sha = Convert.ToHexStringLower(SHA256.HashData(Png));
        file.GetProperty("sha256").GetString().ShouldBe(sha);
        file.GetProperty("kind").GetString().ShouldBe("image");
        file.GetProperty("size").GetInt64().ShouldBe(Png.Length);
        File.ReadAllBytes(Path.Combine(factory.DataDirectory, "originals", sha[..2], sha)).ShouldBe(Png);

        var log = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}/activity");
        var actions = log.EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString(), e.GetProperty("detail").GetString())).ToList();
        actions.ShouldContain(a => a.Item1 == "case.create" && a.Item2!.Contains("Ana <ana@example.org>"));
        actions.ShouldContain(a => a.Item1 == "evidence.add" && a.Item2!.Contains("ana@example.org") && a.Item3!.Contains(sha));
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
    public async Task Verify_names_an_altered_and_a_missing_original()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org");
        string caseId = await client.CreateCaseAsync("Case");
        (await client.UploadAsync(caseId, ("a.txt", "first file"u8.ToArray()), ("b.txt", "second file"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ok = await (await client.PostAsync($"/app/cases/{caseId}/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        ok.GetProperty("ok").GetBoolean().ShouldBeTrue();

        string Path1(string text) { var sha = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))); return Path.Combine(factory.DataDirectory, "originals", sha[..2], sha); }
        string a = Path1("first file"), b = Path1("second file");
        File.SetAttributes(a, FileAttributes.Normal);
        File.WriteAllText(a, "first filE");
        File.SetAttributes(b, FileAttributes.Normal);
        File.Delete(b);

        var bad = await (await client.PostAsync($"/app/cases/{caseId}/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        bad.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var states = bad.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("fileName").GetString()!, f => f.GetProperty("state").GetString());
        states["a.txt"].ShouldBe("altered");
        states["b.txt"].ShouldBe("missing");
        (await client.Http.GetStringAsync($"/app/cases/{caseId}/activity")).ShouldContain("FAILED");
    }
}
