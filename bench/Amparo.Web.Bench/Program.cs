using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

// Open-loop load on the streaming endpoint: messages are scheduled at a fixed rate and each latency is measured
// from its scheduled send time, so a stall counts against every message it delays (no coordinated omission).
// Usage: dotnet run -c Release --project bench/Amparo.Web.Bench -- --url http://127.0.0.1:5000 --key amp_… [--rate 2000] [--seconds 20] [--conversations 500] [--warmup 10]
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

// Warm-up at the target rate: connections, tiered JIT (a cold server's first seconds run unoptimised code), the
// detector's state. Reported, then discarded, so a production-like warm server is what the figure describes.
if (opts.Warmup > 0)
{
    var (warmRaw, warmErrors, _) = await RunAsync(opts.Rate, opts.Warmup, opts.Conversations, record: false);
    var warm = warmRaw.Where(r => r >= 0).ToList();
    warm.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"warm-up {opts.Warmup}s (discarded): errors {warmErrors}, p99 {(warm.Count == 0 ? double.NaN : warm[Math.Min(warm.Count - 1, (int)Math.Ceiling(0.99 * warm.Count) - 1)]):F2} ms"));
}

var (raw, errors, elapsed) = await RunAsync(opts.Rate, opts.Seconds, opts.Conversations, record: true);
var latencies = raw.Where(r => r >= 0).ToList();
latencies.Sort();
double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"target {opts.Rate}/s for {opts.Seconds}s over {opts.Conversations} conversations: sent {latencies.Count + errors}, ok {latencies.Count}, errors {errors}, achieved {latencies.Count / elapsed.TotalSeconds:F0}/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency ms: median {P(0.5):F2}  p90 {P(0.9):F2}  p99 {P(0.99):F2}  p99.9 {P(0.999):F2}  max {latencies[^1]:F2}"));
// Where the slowest messages were due tells a warm-up effect (all early) from periodic stalls (spread out).
var worst = raw.Select((latency, i) => (latency, due: i / (double)opts.Rate)).OrderByDescending(w => w.latency).Take(5);
Console.WriteLine("slowest: " + string.Join(", ", worst.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.latency:F1} ms at {w.due:F2} s"))));
return errors == 0 && P(0.99) < 10 ? 0 : 1;

async Task<(double[] Latencies, int Errors, TimeSpan Elapsed)> RunAsync(int rate, int seconds, int conversations, bool record)
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
        if (wait > 2)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait - 1));
        }

        // The last stretch is waited by yielding, not spinning: on a 2-core machine a spinning client would take a
        // core from the server, and Task.Delay alone (1 ms granularity) would send late. Lateness counts anyway,
        // because each latency is measured from the due time.
        while (clock.Elapsed.TotalMilliseconds < due)
        {
            Thread.Yield();
        }

        tasks.Add(SendAsync(i, due));
    }

    async Task SendAsync(int n, double due)
    {
        await Task.Yield();
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
    }

    await Task.WhenAll(tasks);
    var elapsed = clock.Elapsed;
    return (results, errors, elapsed);
}

internal sealed record Args(string Url, string? Key, int Rate, int Seconds, int Conversations, int Warmup)
{
    public static Args Parse(string[] args)
    {
        string url = "http://127.0.0.1:5000";
        string? key = Environment.GetEnvironmentVariable("AMPARO_API_KEY");
        int rate = 2000, seconds = 20, conversations = 500, warmup = 10;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url": url = args[i + 1]; break;
                case "--key": key = args[i + 1]; break;
                case "--rate": rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--conversations": conversations = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }

        return new Args(url, key, rate, seconds, conversations, warmup);
    }
}
