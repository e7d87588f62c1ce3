using System.CommandLine;

namespace Coordinator.Host.Cli;

/// <summary><c>--server host:port</c>, shared by the verbs that talk to a running member.</summary>
internal static class ServerOption
{
    public const string DefaultServer = "127.0.0.1:2181";

    public static Option<string> Create() => new("--server")
    {
        Description = "The member to talk to",
        HelpName = "HOST:PORT",
        DefaultValueFactory = _ => DefaultServer,
    };
}
