using Amparo.Web.Tests.Infrastructure;

namespace Amparo.Web.Tests.Dashboard;

public sealed class SecurityHeaderTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData("/app/account/antiforgery")]
    public async Task Every_response_carries_a_strict_content_security_policy(string path)
    {
        using var factory = new AmparoFactory();
        var res = await factory.CreateClient().GetAsync(path);
        res.IsSuccessStatusCode.ShouldBeTrue();
        string csp = string.Join(";", res.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("default-src 'none'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        res.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        res.Headers.GetValues("X-Frame-Options").ShouldContain("DENY");
    }

    [Fact]
    public async Task The_page_has_no_inline_script_or_style()
    {
        using var factory = new AmparoFactory();
        string html = await factory.CreateClient().GetStringAsync("/");
        html.ShouldContain("<script type=\"module\" src=\"/js/app.js\"></script>");
        html.ShouldNotContain("style=");
        html.ShouldNotContain("onclick");
        html.Split("<script").Length.ShouldBe(2);
    }

    [Fact]
    public async Task The_scripts_never_write_markup_from_data()
    {
        // The rendering rule, checked on the shipped files: no innerHTML/outerHTML/insertAdjacentHTML/document.write.
        using var factory = new AmparoFactory();
        var client = factory.CreateClient();
        foreach (var js in new[] { "/js/app.js", "/js/chart.js", "/js/i18n.js" })
        {
            string text = await client.GetStringAsync(js);
            text.ShouldNotContain("innerHTML");
            text.ShouldNotContain("outerHTML");
            text.ShouldNotContain("insertAdjacentHTML");
            text.ShouldNotContain("document.write");
            text.ShouldNotContain("eval(");
        }
    }
}
