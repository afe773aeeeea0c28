namespace Amparo.Web.Webhooks;

/// <summary>Wakes the webhook dispatcher when deliveries were queued or finished, so it need not poll tightly.</summary>
public sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every change since.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever is first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}
