using System.Net.Sockets;
using System.Runtime.InteropServices;
using Coordinator.Actors.Persistence;
using Coordinator.Actors.Settings;
using Microsoft.Extensions.Logging;

namespace Coordinator.Host.Composition;

/// <summary>Runs a member (standalone or of an ensemble) in this process until SIGTERM or Ctrl-C, then shuts it down cleanly.</summary>
public static class MemberProcess
{
    public static int Run(CoordinatorSettings settings, TextWriter error)
    {
        using var loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }));
        var log = loggers.CreateLogger("Coordinator.Host");
        var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        RunningMember member;
        try
        {
            member = RunningMember.Start(settings, loggers);
        }
        catch (Exception e) when (e is SocketException or IOException or JournalCorruptException or UnauthorizedAccessException)
        {
            error.WriteLine($"coordinator serve: cannot start: {e.Message}");
            return 1;
        }

        log.LogInformation("{Kind} member {Id} ready: client port {Port}, data in {DataDir}. Stop with Ctrl-C or SIGTERM.",
            settings.Ensemble.IsStandalone ? "Standalone" : "Ensemble", settings.Member.Id, member.ClientPort, Path.GetFullPath(settings.Member.DataDir));
        var first = Task.WhenAny(stop.Task, member.Stopped).GetAwaiter().GetResult();
        var failed = first == member.Stopped;
        if (failed) log.LogCritical("The member stopped on its own (see the error above); the process exits so the next start recovers from the journal");
        else log.LogInformation("{Signal} received: shutting down", stop.Task.Result);
        member.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return failed ? 1 : 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult(context.Signal.ToString());
        }
    }
}
