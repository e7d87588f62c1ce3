using System.CommandLine;
using Coordinator.Host.Configuration;
using Coordinator.Runtime.Configuration;

namespace Coordinator.Host.Cli;

/// <summary><c>coordinator serve</c>: loads and validates the configuration, then (later) runs a member.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var configFile = new Option<string>("--config") { Description = "HOCON file to use instead of the embedded standalone.conf (reference.conf still supplies defaults)", HelpName = "FILE" };
        var clientPort = new Option<int?>("--client-port") { Description = "Override coordinator.member.client-port", HelpName = "N" };
        var dataDir = new Option<string>("--data-dir") { Description = "Override coordinator.member.data-dir", HelpName = "DIR" };
        var id = new Option<int?>("--id") { Description = "Override coordinator.member.id (picks this member's entry in an ensemble)", HelpName = "N" };

        var command = new Command("serve", "Run an ensemble member (standalone on the embedded defaults unless --config lists an ensemble).")
        {
            configFile, clientPort, dataDir, id,
        };
        command.SetAction(result =>
        {
            var overrides = new Dictionary<string, string>();
            if (result.GetValue(clientPort) is { } port)
                overrides["coordinator.member.client-port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (result.GetValue(dataDir) is { } dir)
                overrides["coordinator.member.data-dir"] = dir;
            if (result.GetValue(id) is { } memberId)
                overrides["coordinator.member.id"] = memberId.ToString(System.Globalization.CultureInfo.InvariantCulture);

            try
            {
                CoordinatorSettings.From(ConfigLoader.Load(result.GetValue(configFile), overrides));
            }
            catch (ConfigurationException e)
            {
                result.InvocationConfiguration.Error.WriteLine($"coordinator serve: invalid configuration: {e.Message}");
                return ExitCodes.UsageOrConfiguration;
            }

            return NotImplementedYet.Report(result, "serve", "standalone member");
        });
        return command;
    }
}
