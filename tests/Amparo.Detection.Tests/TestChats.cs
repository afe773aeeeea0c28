using Amparo.Core;
using Amparo.Detection.Training;

namespace Amparo.Detection.Tests;

/// <summary>Mild, non-graphic chat lines written for the tests, and helpers to build conversations from them.</summary>
internal static class TestChats
{
    public static readonly string[] Risky =
    [
        "hey how old are you", "asl?", "you seem really mature for your age", "are your parents home right now",
        "dont tell your mom we talk ok", "this is our little secret", "do you have a webcam", "can you send me a pic of you",
        "lets meet at the mall on saturday", "i can buy you a new phone", "delete our chat after ok", "are you alone",
        "add me on snap its more private", "you are so pretty", "r u a cop",
    ];

    public static readonly string[] Neutral =
    [
        "lol", "ok", "hi", "what's up", "nothing much", "i have homework", "the build failed again", "try sudo apt update",
        "did you see the game", "my cat is sleeping", "haha yes", "brb", "which kernel are you on", "thanks that worked",
        "see you tomorrow", "cool", "i'm 13", "school was boring",
    ];

    public const string Sextortion = "send me money or i will share your photos with everyone";

    public static readonly string[] Technical =
    [
        "how do i mount a usb drive", "try sudo mount /dev/sdb1 /mnt", "it says permission denied", "are you in the disk group",
        "check dmesg for errors", "ok it worked thanks", "np", "which ubuntu release", "24.04 lts", "did you update grub",
    ];

    public static readonly string[] Grooming =
    [
        "hi", "hey asl?", "13 f", "cool im 16 m", "you seem really mature for your age", "thanks lol",
        "are your parents home", "no my mom is at work", "so you are alone right now", "yeah",
        "dont tell anyone we talk ok this is our secret", "ok", "do you have a webcam", "no",
        "can you send me a pic of you", "idk", "we should meet at the mall saturday i can buy you a new phone",
        "maybe", "add me on snap its more private", "ok",
    ];

    /// <summary>The <see cref="Grooming"/> pattern as a Spanish-speaking groomer would write it (mild, non-graphic).</summary>
    public static readonly string[] GroomingEs =
    [
        "hola", "hola cuantos años tienes?", "13 y tu", "yo tengo 16", "eres muy madura para tu edad", "jaja gracias",
        "tus papás están en casa?", "no mi mamá está trabajando", "entonces estás sola ahora", "si",
        "no le digas a nadie que hablamos, es nuestro secreto", "ok", "tienes cámara?", "no",
        "mándame una foto tuya", "no se", "nos vemos en el centro comercial el sábado, te compro un celular nuevo",
        "tal vez", "agrégame a snap es más privado", "ok",
    ];

    /// <summary>An everyday Spanish chat between two classmates.</summary>
    public static readonly string[] SchoolEs =
    [
        "hola que haces", "nada, haciendo la tarea de mates", "yo tambien, no entiendo el ejercicio 4", "es con la formula del area",
        "ah ya entendi gracias", "mañana hay prueba de historia?", "si, del capitulo 3", "que lata jaja", "vamos a estudiar juntos en la biblio?",
        "dale, a las 4", "le digo a mi mamá que me pase a buscar a las 6", "ok nos vemos", "chao", "chao",
    ];

    public static Conversation ToConversation(string id, IEnumerable<(string Author, string Text)> lines)
    {
        var messages = lines.Select((l, i) => new Message { Index = i, AuthorId = l.Author, Text = l.Text }).ToList();
        var participants = messages.Select(m => m.AuthorId).Distinct(StringComparer.Ordinal)
            .Select(a => new Participant { Id = a, DisplayName = a }).ToList();
        return new Conversation { Id = id, Messages = messages, Participants = participants };
    }

    /// <summary>Alternates two authors over the lines.</summary>
    public static Conversation Alternating(string id, IEnumerable<string> lines, string first = "sam", string second = "kid") =>
        ToConversation(id, lines.Select((t, i) => (i % 2 == 0 ? first : second, t)));

    /// <summary>A random conversation mixing risky and neutral lines (seeded).</summary>
    public static List<(string Author, string Text)> Random(int seed, int length)
    {
        var rng = new SplitMix((ulong)seed * 7919UL + 1);
        double riskShare = rng.NextDouble();
        var lines = new List<(string, string)>();
        for (int i = 0; i < length; i++)
        {
            string author = rng.Next(3) == 0 ? "kid" : "sam";
            string text = rng.NextDouble() < riskShare ? Risky[rng.Next(Risky.Length)] : Neutral[rng.Next(Neutral.Length)];
            if (rng.Next(400) == 0)
            {
                text = Sextortion;
            }

            lines.Add((author, text));
        }

        return lines;
    }
}

/// <summary>The shared data corpus, read once per test run.</summary>
internal static class SharedCorpus
{
    private static readonly Lazy<TrainingCorpus> LazyCorpus = new(() =>
        TrainingCorpus.Load(Amparo.Testing.RepoPaths.SharedData, new Amparo.Detection.Model.TrainingOptions().Seed));

    public static TrainingCorpus Corpus => LazyCorpus.Value;
}
