using System.CommandLine;
using System.Globalization;
using Coordinator.Actors.Settings;
using Coordinator.Host.Composition;
using Coordinator.Host.Configuration;
using Coordinator.Runtime.Configuration;

namespace Coordinator.Host.Cli;

/// <summary><c>coordinator serve</c>: loads and validates the configuration, then runs a member (standalone, or member --id of an ensemble).</summary>
internal sealed class ServeCommand
{
    private readonly Option<string> _configFile = new("--config")
    {
        Description = "HOCON file to use instead of the embedded standalone.conf (reference.conf still supplies defaults)",
        HelpName = "FILE",
    };

    private readonly Option<int?> _clientPort = new("--client-port") { Description = "Override coordinator.member.client-port", HelpName = "N" };
    private readonly Option<string> _dataDir = new("--data-dir") { Description = "Override coordinator.member.data-dir", HelpName = "DIR" };
    private readonly Option<int?> _id = new("--id")
    {
        Description = "Override coordinator.member.id (picks this member's entry in an ensemble)",
        HelpName = "N",
    };

    private ServeCommand()
    {
    }

    public static Command Create()
    {
        var serve = new ServeCommand();
        var command = new Command("serve", "Run an ensemble member (standalone on the embedded defaults unless --config lists an ensemble).")
        {
            serve._configFile, serve._clientPort, serve._dataDir, serve._id,
        };
        command.SetAction(serve.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        CoordinatorSettings settings;
        try
        {
            settings = CoordinatorSettings.From(ConfigLoader.Load(result.GetValue(_configFile), Overrides(result)));
        }
        catch (ConfigurationException e)
        {
            result.InvocationConfiguration.Error.WriteLine($"coordinator serve: invalid configuration: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        if (!settings.Ensemble.IsStandalone && result.GetValue(_clientPort) is null)
        {
            // An ensemble member serves clients on the port its members entry names, unless --client-port says otherwise.
            settings = settings with { Member = settings.Member with { ClientPort = settings.Ensemble.Member(settings.Member.Id).ClientPort } };
        }
        return MemberProcess.Run(settings, result.InvocationConfiguration.Error);
    }

    /// <summary>Each option given on the command line overrides its configuration path.</summary>
    private Dictionary<string, string> Overrides(ParseResult result)
    {
        var overrides = new Dictionary<string, string>();
        if (result.GetValue(_clientPort) is { } port)
            overrides["coordinator.member.client-port"] = port.ToString(CultureInfo.InvariantCulture);
        if (result.GetValue(_dataDir) is { } dataDir)
            overrides["coordinator.member.data-dir"] = dataDir;
        if (result.GetValue(_id) is { } id)
            overrides["coordinator.member.id"] = id.ToString(CultureInfo.InvariantCulture);
        return overrides;
    }
}
