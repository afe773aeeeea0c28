namespace Amparo.Ocr.Tests.Corpus;

/// <summary>
/// The generated screenshot corpus: every app style in both themes, several fonts and sizes, some at phone
/// pixel density, some JPEG-compressed; rendered once per test run into a temporary folder.
/// </summary>
public sealed class ScreenshotCorpus : IAsyncLifetime
{
    public string Directory { get; } = Environment.GetEnvironmentVariable("AMPARO_CORPUS_DIR")
        ?? Path.Combine(Path.GetTempPath(), "amparo-ocr-corpus-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>For working on the reader: AMPARO_CORPUS_DIR names a folder kept between runs (rendered once).</summary>
    private bool Reuse => Environment.GetEnvironmentVariable("AMPARO_CORPUS_DIR") is not null;

    public IReadOnlyList<(ChatScene Scene, string Path)> Images { get; private set; } = [];

    /// <summary>Two screenshots of one scrolled chat: the older part, then the newer part.</summary>
    public IReadOnlyList<(ChatScene Scene, string Path)> Scrolled { get; private set; } = [];

    public static IReadOnlyList<ChatScene> Scenes()
    {
        // (app, dark, font, size, scale, jpeg, spanish)
        var specs = new (ChatApp App, bool Dark, string Font, int Size, int Scale, int? Jpeg, bool Es)[]
        {
            (ChatApp.WhatsApp, false, "DejaVu Sans", 15, 1, null, true),
            (ChatApp.WhatsApp, true, "Liberation Sans", 16, 2, 80, false),
            (ChatApp.Instagram, false, "Liberation Sans", 15, 2, null, false),
            (ChatApp.Instagram, true, "DejaVu Sans", 14, 1, null, true),
            (ChatApp.Messenger, false, "DejaVu Sans", 15, 1, 85, false),
            (ChatApp.Messenger, true, "Liberation Sans", 17, 1, null, true),
            (ChatApp.Telegram, false, "Liberation Serif", 16, 2, null, true),
            (ChatApp.Telegram, true, "DejaVu Sans", 15, 1, null, false),
            (ChatApp.Sms, false, "DejaVu Serif", 15, 1, null, false),
            (ChatApp.Sms, true, "Liberation Sans", 15, 2, 80, true),
        };
        var scenes = new List<ChatScene>();
        for (int i = 0; i < specs.Length; i++)
        {
            var sp = specs[i];
            var lines = sp.Es ? SceneText.Spanish : SceneText.English;
            var other = sp.Es ? SceneText.English : SceneText.Spanish;
            var messages = new List<SceneMessage>();
            int n = 7;
            for (int k = 0; k < n; k++)
            {
                // Mostly the scene's language, one line of the other (bilingual chats are common).
                string text = k == 3 ? other[(i * 3 + k) % other.Length] : lines[(i * 5 + k) % lines.Length];
                bool mine = ((i + k) % 3) == 1 || (k % 2 == 1 && i % 2 == 0);
                int minute = 10 + (k * 3);
                string time = sp.App == ChatApp.Messenger && !sp.Es ? $"10:{minute} AM" : $"{(sp.Es ? 18 : 10)}:{minute}";
                messages.Add(new SceneMessage(mine, text, time));
            }

            scenes.Add(new ChatScene
            {
                Name = $"{i:00}-{sp.App.ToString().ToLowerInvariant()}-{(sp.Dark ? "dark" : "light")}",
                App = sp.App,
                Dark = sp.Dark,
                Font = sp.Font,
                FontSize = sp.Size,
                Scale = sp.Scale,
                JpegQuality = sp.Jpeg,
                Spanish = sp.Es,
                Contact = Contacts[i % Contacts.Length],
                Messages = messages,
            });
        }

        return scenes;
    }

    private static readonly string[] Contacts = ["Laura Gómez", "Sam Carter", "Diego Ramírez", "Emma Wilson", "Lucía Pérez", "Noah Brooks", "Martina Silva", "Jake Turner", "Sofía Núñez", "Oliver Hayes"];

    public static IReadOnlyList<ChatScene> ScrolledScenes()
    {
        var messages = new List<SceneMessage>();
        for (int k = 0; k < 14; k++)
        {
            string text = k % 2 == 0 ? SceneText.English[k] : SceneText.Spanish[k];
            messages.Add(new SceneMessage(k % 3 == 1, text, $"17:{10 + (k * 2)}"));
        }

        var baseScene = new ChatScene
        {
            Name = "scroll-a",
            App = ChatApp.WhatsApp,
            Contact = "Martina Silva",
            Messages = messages,
            ChatHeight = 520,
            ShowTop = true,
            Font = "Liberation Sans",
            FontSize = 15,
        };
        return [baseScene, baseScene with { Name = "scroll-b", ShowTop = false }];
    }

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var images = new List<(ChatScene, string)>();
        foreach (var scene in Scenes())
        {
            images.Add((scene, await RenderOnceAsync(scene)));
        }

        Images = images;
        var scrolled = new List<(ChatScene, string)>();
        foreach (var scene in ScrolledScenes())
        {
            scrolled.Add((scene, await RenderOnceAsync(scene)));
        }

        Scrolled = scrolled;
    }

    private async Task<string> RenderOnceAsync(ChatScene scene)
    {
        string existing = Path.Combine(Directory, scene.FileName);
        return Reuse && File.Exists(existing) ? existing : await SceneRenderer.RenderAsync(scene, Directory);
    }

    public Task DisposeAsync()
    {
        if (!Reuse)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
