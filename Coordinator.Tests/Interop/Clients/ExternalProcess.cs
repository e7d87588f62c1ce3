using System.Diagnostics;

namespace Coordinator.Tests.Interop.Clients;

/// <summary>The outcome of a finished external process.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Errors}";
}

/// <summary>Runs a short-lived tool (zkCli, node) to completion with a deadline, capturing both streams.</summary>
public static class ExternalProcess
{
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, string? standardInput, TimeSpan timeout)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
            await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // zkCli.sh is bash with a java child: the whole tree has to go.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            var partial = new ProcessResult(-1, await output, await errors);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.\n{partial}");
        }
        return new ProcessResult(process.ExitCode, await output, await errors);
    }
}
