using System.CommandLine;

namespace Amparo.Cli;

/// <summary>Exit codes and the top-level error boundary of the <c>amparo</c> command.</summary>
internal static class Cli
{
    /// <summary>The command did its work.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure: a bug or the machine (disk full, permissions).</summary>
    public const int InternalError = 1;

    /// <summary>The input could not be used; the message names the file and line.</summary>
    public const int UnusableInput = 2;

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        try
        {
            var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
            return await root.Parse(args).InvokeAsync(config, cts.Token);
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync($"amparo: {ex.Message}");
            return UnusableInput;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("amparo: cancelled");
            return InternalError;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"amparo: internal error: {ex.GetType().Name}: {ex.Message}");
            await Console.Error.WriteLineAsync("Please report this; nothing stored has been changed.");
            return InternalError;
        }
    }
}

/// <summary>Thrown by a command when its input cannot be used; becomes exit code 2 with the message.</summary>
internal sealed class UsageException(string message) : Exception(message);
