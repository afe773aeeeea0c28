using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

// Open-loop load on the streaming endpoint: messages are scheduled at a fixed rate and each latency is measured
// from its scheduled send time, so a stall counts against every message it delays (no coordinated omission).
// Usage: dotnet run -c Release --project bench/Amparo.Web.Bench -- --url http://127.0.0.1:5000 --key amp_… [--rate 2000] [--seconds 20] [--conversations 500]
var opts = Args.Parse(args);
if (opts.Key is null)
{
    Console.Error.WriteLine("--key amp_… is required (create one under Platform in the dashboard, or use bench/web/run-streaming-bench.sh)");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(opts.Url),
    Timeout = TimeSpan.FromSeconds(30),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", opts.Key);

string[] lines =
[
    "hey how was school today", "lol same", "what games do you play", "i have practice after class",
    "are you alone right now", "dont tell anyone we talk ok", "send me a pic", "ok see you tomorrow",
    "my mom is calling brb", "that movie was so good", "do you have snapchat", "haha thanks",
];

// Warm-up: connections, JIT, detector state.
await RunAsync(Math.Min(opts.Rate, 500), 3, opts.Conversations, record: false);
var (latencies, errors, elapsed) = await RunAsync(opts.Rate, opts.Seconds, opts.Conversations, record: true);
latencies.Sort();
double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"target {opts.Rate}/s for {opts.Seconds}s over {opts.Conversations} conversations: sent {latencies.Count + errors}, ok {latencies.Count}, errors {errors}, achieved {latencies.Count / elapsed.TotalSeconds:F0}/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency ms: median {P(0.5):F2}  p90 {P(0.9):F2}  p99 {P(0.99):F2}  p99.9 {P(0.999):F2}  max {latencies[^1]:F2}"));
return errors == 0 && P(0.99) < 10 ? 0 : 1;

async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> RunAsync(int rate, int seconds, int conversations, bool record)
{
    int total = rate * seconds;
    var results = new double[total];
    int errors = 0;
    var tasks = new List<Task>(total);
    var clock = Stopwatch.StartNew();
    double interval = 1000.0 / rate;
    for (int i = 0; i < total; i++)
    {
        double due = i * interval;
        double wait = due - clock.Elapsed.TotalMilliseconds;
        if (wait > 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait));
        }

        while (clock.Elapsed.TotalMilliseconds < due)
        {
            Thread.SpinWait(20);
        }

        int n = i;
        tasks.Add(Task.Run(async () =>
        {
            string conversation = (record ? "c" : "w") + (n % conversations).ToString(CultureInfo.InvariantCulture);
            string author = (n / conversations) % 2 == 0 ? "adult-1" : "teen-1";
            string body = "{\"author\":\"" + author + "\",\"text\":\"" + lines[n % lines.Length] + "\"}";
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            try
            {
                using var res = await http.PostAsync($"/api/v1/conversations/{conversation}/messages", content);
                if (!res.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    results[n] = -1;
                    return;
                }

                await res.Content.ReadAsByteArrayAsync();
                results[n] = clock.Elapsed.TotalMilliseconds - due;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
                results[n] = -1;
            }
        }));
    }

    await Task.WhenAll(tasks);
    var elapsed = clock.Elapsed;
    return (results.Where(r => r >= 0).ToList(), errors, elapsed);
}

internal sealed record Args(string Url, string? Key, int Rate, int Seconds, int Conversations)
{
    public static Args Parse(string[] args)
    {
        string url = "http://127.0.0.1:5000";
        string? key = Environment.GetEnvironmentVariable("AMPARO_API_KEY");
        int rate = 2000, seconds = 20, conversations = 500;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url": url = args[i + 1]; break;
                case "--key": key = args[i + 1]; break;
                case "--rate": rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--conversations": conversations = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }

        return new Args(url, key, rate, seconds, conversations);
    }
}
