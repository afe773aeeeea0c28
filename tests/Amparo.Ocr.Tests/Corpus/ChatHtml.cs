using System.Globalization;
using System.Net;
using System.Text;

namespace Amparo.Ocr.Tests.Corpus;

/// <summary>Writes a chat screen as HTML in the visual grammar of each app (colours, bubble shapes, where times go).</summary>
public static class ChatHtml
{
    private sealed record Style(
        string Page, string HeaderBg, string HeaderText, string HeaderBorder, string InBg, string InText, string OutBg, string OutText,
        string TimeIn, string TimeOut, string FooterBg, string PillBg, string Radius, TimePlace Times);

    private enum TimePlace
    {
        InBubble,
        Centred,
        Under,
    }

    private static Style For(ChatApp app, bool dark) => (app, dark) switch
    {
        (ChatApp.WhatsApp, false) => new("#efeae2", "#008069", "#ffffff", "#008069", "#ffffff", "#111b21", "#d9fdd3", "#111b21", "#667781", "#667781", "#f0f2f5", "#ffffff", "8px", TimePlace.InBubble),
        (ChatApp.WhatsApp, true) => new("#0b141a", "#202c33", "#e9edef", "#202c33", "#202c33", "#e9edef", "#005c4b", "#e9edef", "#8696a0", "#99beb7", "#202c33", "#2a3942", "8px", TimePlace.InBubble),
        (ChatApp.Telegram, false) => new("#a9c7a0", "#517da2", "#ffffff", "#517da2", "#ffffff", "#000000", "#effdde", "#000000", "#a0acb6", "#5fae52", "#ffffff", "#ffffff", "14px", TimePlace.InBubble),
        (ChatApp.Telegram, true) => new("#0e1621", "#17212b", "#f5f5f5", "#17212b", "#182533", "#f5f5f5", "#2b5278", "#f5f5f5", "#6d7f8f", "#7da8d3", "#17212b", "#17212b", "14px", TimePlace.InBubble),
        (ChatApp.Instagram, false) => new("#ffffff", "#ffffff", "#000000", "#dbdbdb", "#efefef", "#000000", "#3797f0", "#ffffff", "#737373", "#737373", "#ffffff", "#ffffff", "22px", TimePlace.Centred),
        (ChatApp.Instagram, true) => new("#000000", "#000000", "#f5f5f5", "#262626", "#262626", "#f5f5f5", "#3797f0", "#ffffff", "#a8a8a8", "#a8a8a8", "#000000", "#000000", "22px", TimePlace.Centred),
        (ChatApp.Messenger, false) => new("#ffffff", "#ffffff", "#050505", "#e4e6eb", "#f0f0f0", "#050505", "#0084ff", "#ffffff", "#65676b", "#65676b", "#ffffff", "#f0f2f5", "18px", TimePlace.Centred),
        (ChatApp.Messenger, true) => new("#18191a", "#242526", "#e4e6eb", "#3e4042", "#3a3b3c", "#e4e6eb", "#0084ff", "#ffffff", "#b0b3b8", "#b0b3b8", "#242526", "#3a3b3c", "18px", TimePlace.Centred),
        (ChatApp.Sms, false) => new("#ffffff", "#f3f6fc", "#1f1f1f", "#dde3ea", "#e9eef6", "#1f1f1f", "#d3e3fd", "#041e49", "#5f6368", "#5f6368", "#f3f6fc", "#e9eef6", "20px", TimePlace.Under),
        (ChatApp.Sms, true) => new("#131314", "#1e1f20", "#e3e3e3", "#2d2e30", "#303030", "#e3e3e3", "#004a77", "#c2e7ff", "#9aa0a6", "#9aa0a6", "#1e1f20", "#303030", "20px", TimePlace.Under),
    };

    public static string Render(ChatScene scene, out int cssHeight)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var s = For(scene.App, scene.Dark);
        int fs = scene.FontSize;
        int line = (int)Math.Round(fs * 1.35);
        string status = scene.Spanish ? "en línea" : "online";
        bool avatars = scene.App is ChatApp.Instagram or ChatApp.Messenger;
        string placeholder = scene.Spanish ? "Mensaje" : "Message";

        var css = new StringBuilder();
        css.Append(CultureInfo.InvariantCulture, $$"""
            html,body{margin:0;padding:0;background:{{s.Page}};}
            body{font-family:'{{scene.Font}}';font-size:{{fs}}px;width:{{scene.Width}}px;overflow:hidden;}
            .screen{display:flex;flex-direction:column;height:100vh;}
            .status{height:24px;background:{{s.HeaderBg}};color:{{s.HeaderText}};font-size:12px;display:flex;justify-content:space-between;align-items:center;padding:0 14px;flex:none;}
            .batt{width:22px;height:10px;border:1.5px solid {{s.HeaderText}};border-radius:2px;}
            .hdr{height:56px;background:{{s.HeaderBg}};color:{{s.HeaderText}};display:flex;align-items:center;padding:0 12px;border-bottom:1px solid {{s.HeaderBorder}};flex:none;}
            .hav{width:38px;height:38px;border-radius:50%;background:#8fa3ad;margin-right:12px;flex:none;}
            .name{font-size:{{fs + 3}}px;font-weight:600;line-height:1.2}
            .sub{font-size:{{fs - 3}}px;opacity:.8;line-height:1.2}
            .chat{flex:1;overflow:hidden;display:flex;flex-direction:column;justify-content:{{(scene.ShowTop ? "flex-start" : "flex-end")}};padding:0 0 6px 0;}
            .row{display:flex;align-items:flex-end;margin:{{(avatars ? 3 : 4)}}px 10px;}
            .row.out{justify-content:flex-end;}
            .av{width:28px;height:28px;border-radius:50%;background:#8fa3ad;margin-right:8px;flex:none;}
            .avs{width:28px;margin-right:8px;flex:none;}
            .b{max-width:72%;padding:{{fs / 2}}px {{fs * 3 / 4}}px;border-radius:{{s.Radius}};line-height:{{line}}px;overflow-wrap:break-word;}
            .in .b{background:{{s.InBg}};color:{{s.InText}};}
            .out .b{background:{{s.OutBg}};color:{{s.OutText}};}
            .t{font-size:{{Math.Max(10, fs - 4)}}px;float:right;margin:{{fs / 3}}px 0 -{{fs / 4}}px 10px;line-height:{{line}}px;}
            .in .t{color:{{s.TimeIn}};} .out .t{color:{{s.TimeOut}};}
            .sep{text-align:center;margin:10px 0;font-size:{{fs - 3}}px;color:{{s.TimeIn}};}
            .sep span{background:{{(s.Times == TimePlace.InBubble ? s.InBg : "transparent")}};padding:4px 10px;border-radius:6px;}
            .under{font-size:{{fs - 4}}px;color:{{s.TimeIn}};margin:0 14px 6px 14px;}
            .under.out{text-align:right;} .under.in{margin-left:{{(avatars ? 50 : 14)}}px;}
            .foot{height:56px;background:{{s.FooterBg}};border-top:1px solid {{s.HeaderBorder}};display:flex;align-items:center;padding:0 10px;flex:none;}
            .pill{flex:1;height:38px;border-radius:19px;background:{{s.PillBg}};color:{{s.TimeIn}};display:flex;align-items:center;padding-left:16px;}
            .mic{width:38px;height:38px;border-radius:50%;background:{{s.HeaderBorder}};margin-left:8px;}
            """);

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""<div class="screen"><div class="status"><span>9:41</span><span class="batt"></span></div>""");
        body.Append(CultureInfo.InvariantCulture, $"""<div class="hdr"><div class="hav"></div><div><div class="name">{Esc(scene.Contact)}</div><div class="sub">{status}</div></div></div>""");
        body.Append("""<div class="chat">""");
        string today = scene.Spanish ? "HOY" : "TODAY";
        if (s.Times != TimePlace.Centred)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<div class="sep"><span>{today}</span></div>""");
        }

        int estimate = 80 + 56 + 30;
        double charsPerLine = scene.Width * 0.72 * 0.85 / (fs * 0.56);
        for (int i = 0; i < scene.Messages.Count; i++)
        {
            var m = scene.Messages[i];
            string dir = m.Mine ? "out" : "in";
            bool lastOfGroup = i == scene.Messages.Count - 1 || scene.Messages[i + 1].Mine != m.Mine;
            if (s.Times == TimePlace.Centred && (i == 0 || i % 4 == 0))
            {
                body.Append(CultureInfo.InvariantCulture, $"""<div class="sep">{(scene.Spanish ? "Hoy" : "Today")} {m.Time}</div>""");
                estimate += fs + 20;
            }

            body.Append(CultureInfo.InvariantCulture, $"""<div class="row {dir}">""");
            if (avatars && !m.Mine)
            {
                body.Append(lastOfGroup ? """<div class="av"></div>""" : """<div class="avs"></div>""");
            }

            string time = s.Times == TimePlace.InBubble ? $"""<span class="t">{m.Time}</span>""" : "";
            body.Append(CultureInfo.InvariantCulture, $"""<div class="b">{Esc(m.Text)}{time}</div></div>""");
            int lines = (int)Math.Ceiling((m.Text.Length + 8) / charsPerLine);
            estimate += (lines * line) + fs + 10;
            if (s.Times == TimePlace.Under && lastOfGroup)
            {
                body.Append(CultureInfo.InvariantCulture, $"""<div class="under {dir}">{m.Time}</div>""");
                estimate += fs + 8;
            }
        }

        body.Append("</div>");
        body.Append(CultureInfo.InvariantCulture, $"""<div class="foot"><div class="pill">{placeholder}</div><div class="mic"></div></div></div>""");
        cssHeight = scene.ChatHeight is { } ch ? ch + 80 + 56 : (int)(estimate * 1.15) + 40;
        return $"<!doctype html><html><head><meta charset=\"utf-8\"><style>{css}</style></head><body>{body}</body></html>";
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
