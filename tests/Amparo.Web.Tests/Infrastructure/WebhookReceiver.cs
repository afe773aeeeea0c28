using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Amparo.Web.Tests.Infrastructure;

/// <summary>A real HTTP receiver on loopback that fails the first <c>failFirst</c> deliveries with 500.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _failFirst;
    private int _seen;

    public WebhookReceiver(int failFirst)
    {
        _failFirst = failFirst;
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = LoopAsync();
    }

    public int Port { get; }

    public string Url { get; }

    public ConcurrentQueue<(string Signature, byte[] Body, int Status)> Received { get; } = new();

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var ms = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(ms);
            int status = Interlocked.Increment(ref _seen) <= _failFirst ? 500 : 200;
            Received.Enqueue((ctx.Request.Headers["X-Amparo-Signature"] ?? "", ms.ToArray(), status));
            ctx.Response.StatusCode = status;
            ctx.Response.Close();
        }
    }

    public async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the webhook receiver did not get what was expected in time");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose() => _listener.Close();
}
