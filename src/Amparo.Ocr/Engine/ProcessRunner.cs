using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Amparo.Ocr.Engine;

/// <summary>What an external tool did.</summary>
internal sealed record ProcessResult(int ExitCode, byte[] Stdout, string Stderr, bool TimedOut, bool OutputTooLarge);

/// <summary>
/// Runs an installed tool (tesseract, djpeg) with a time limit and a cap on its output, feeding stdin from
/// memory; the process tree is killed on timeout or cancellation so nothing is left running.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        ReadOnlyMemory<byte> stdin,
        TimeSpan timeout,
        long maxOutputBytes,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        // One thread per tesseract: the machine is shared and images are read one after another anyway.
        info.Environment["OMP_THREAD_LIMIT"] = "1";

        using var process = new Process { StartInfo = info };
        try
        {
            if (!process.Start())
            {
                throw new OcrException($"{executable} could not be started");
            }
        }
        catch (Win32Exception ex)
        {
            throw new OcrException($"{executable} could not be run ({ex.Message}); install it (Debian: apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa libjpeg-turbo-progs)", ex);
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var token = timeoutCts.Token;
        bool tooLarge = false;

        var stdoutTask = ReadBoundedAsync(process.StandardOutput.BaseStream, maxOutputBytes, () =>
        {
            tooLarge = true;
            Kill(process);
        }, token);
        var stderrTask = ReadBoundedAsync(process.StandardError.BaseStream, 64 * 1024, static () => { }, token);
        var stdinTask = WriteStdinAsync(process, stdin, token);

        try
        {
            await process.WaitForExitAsync(token).ConfigureAwait(false);
            await stdinTask.ConfigureAwait(false);
            var stdout = await stdoutTask.ConfigureAwait(false);
            var stderr = await stderrTask.ConfigureAwait(false);
            return new ProcessResult(process.ExitCode, stdout, Encoding.UTF8.GetString(stderr), false, tooLarge);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return new ProcessResult(-1, [], "", true, tooLarge);
        }
    }

    private static async Task WriteStdinAsync(Process process, ReadOnlyMemory<byte> stdin, CancellationToken token)
    {
        try
        {
            var input = process.StandardInput.BaseStream;
            if (!stdin.IsEmpty)
            {
                await input.WriteAsync(stdin, token).ConfigureAwait(false);
            }

            await input.FlushAsync(token).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool stopped reading (it failed on the input); its exit code and stderr say why.
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, long max, Action onTooLarge, CancellationToken token)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            int n = await stream.ReadAsync(chunk, token).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            if (buffer.Length + n > max)
            {
                onTooLarge();
                break;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
