using Coordinator.Actors.Settings;
using Coordinator.Host.Configuration;
using Coordinator.Runtime.Configuration;

namespace Coordinator.Tests.Host;

public sealed class ConfigLoaderTests : IDisposable
{
    private static readonly KeyValuePair<string, string>[] NoOverrides = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("coordinator-loader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reference_conf_holds_every_setting_with_its_documented_default()
    {
        var settings = CoordinatorSettings.From(ConfigLoader.Reference);

        Assert.Equal(new ActorSettings(32, TimeSpan.FromSeconds(5), 10, 10, TimeSpan.FromMinutes(1)), settings.Actor);
        var member = settings.Member;
        Assert.Equal(1, member.Id);
        Assert.Equal("0.0.0.0", member.ClientAddress);
        Assert.Equal(2181, member.ClientPort);
        Assert.Equal("data", member.DataDir);
        Assert.Equal(TimeSpan.FromSeconds(2), member.TickTime);
        Assert.Equal(member.TickTime * 2, member.MinSessionTimeout);
        Assert.Equal(member.TickTime * 20, member.MaxSessionTimeout);
        Assert.Equal(60, member.MaxClientConnections);
        Assert.Equal(1_048_575, member.JuteMaxBuffer);
        Assert.Equal(member.JuteMaxBuffer, member.MaxFrameSize); // ZooKeeper 3.8 closes on frames above jute.maxbuffer
        Assert.Equal(["srvr"], member.FourLetterWords);
        Assert.True(member.TtlNodesEnabled);
        Assert.Equal(TimeSpan.FromSeconds(60), member.ContainerCheckInterval);
        Assert.Equal(10_000, member.ContainerMaxPerMinute);
        Assert.Equal("", member.SuperDigest);
        Assert.Equal(new JournalSettings(1000, 4 * 1024 * 1024), member.Journal);
        Assert.Equal(new SnapshotSettings(100_000, 3), member.Snapshot);
        Assert.True(settings.Ensemble.IsStandalone);
        Assert.Equal(10, settings.Ensemble.InitLimitTicks);
        Assert.Equal(5, settings.Ensemble.SyncLimitTicks);
    }

    [Fact]
    public void Every_embedded_file_parses_and_validates_over_reference()
    {
        foreach (var name in ConfigLoader.EmbeddedNames)
        {
            var config = ConfigLoader.LoadEmbedded(name).WithFallback(ConfigLoader.Reference);

            Assert.Equal(1, CoordinatorSettings.From(config).Member.Id);
        }
    }

    [Fact]
    public void Without_a_file_the_embedded_standalone_conf_is_used()
    {
        var settings = CoordinatorSettings.From(ConfigLoader.Load(configFile: null, NoOverrides));

        Assert.True(settings.Ensemble.IsStandalone);
        Assert.Equal(2181, settings.Member.ClientPort);
        Assert.Equal("data/standalone", settings.Member.DataDir);
        Assert.Equal(["*"], settings.Member.FourLetterWords);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Member.TickTime);
    }

    [Fact]
    public void The_ensemble_example_lists_three_participants_and_a_data_dir_per_member()
    {
        var file = Path.Combine(_directory, "ensemble-3.conf");
        File.WriteAllText(file, ReadEmbeddedText(ConfigLoader.EnsembleExampleName));

        var settings = CoordinatorSettings.From(ConfigLoader.Load(file, [new("coordinator.member.id", "2")]));

        Assert.Equal(
            [
                new EnsembleMember(1, "127.0.0.1", 2181, 2888, 3888, MemberRole.Participant),
                new EnsembleMember(2, "127.0.0.1", 2182, 2889, 3889, MemberRole.Participant),
                new EnsembleMember(3, "127.0.0.1", 2183, 2890, 3890, MemberRole.Participant),
            ],
            settings.Ensemble.Members);
        Assert.Equal(2, settings.Member.Id);
        Assert.Equal("data/member-2", settings.Member.DataDir);
    }

    [Fact]
    public void A_file_overrides_reference_and_command_line_overrides_win_over_both()
    {
        var file = Path.Combine(_directory, "my.conf");
        File.WriteAllText(file, "coordinator.member { client-port = 3000, data-dir = from-file, tick-time = 1s }");

        var member = CoordinatorSettings.From(ConfigLoader.Load(file, [new("coordinator.member.client-port", "3001")])).Member;

        Assert.Equal(3001, member.ClientPort);
        Assert.Equal("from-file", member.DataDir);
        Assert.Equal(TimeSpan.FromSeconds(1), member.TickTime);
        Assert.Equal(TimeSpan.FromSeconds(40), member.MaxSessionTimeout);
    }

    [Fact]
    public void Override_values_are_taken_literally()
    {
        var config = ConfigLoader.Load(null, [new("coordinator.member.data-dir", "/tmp/a \"b\" ${x} # c")]);

        Assert.Equal("/tmp/a \"b\" ${x} # c", config.GetString("coordinator.member.data-dir"));
    }

    [Fact]
    public void A_file_may_use_environment_overrides()
    {
        var file = Path.Combine(_directory, "env.conf");
        File.WriteAllText(file, "coordinator.member.client-port = ${?COORD_PORT}");

        var fromEnvironment = ConfigLoader.Load(file, NoOverrides, name => name == "COORD_PORT" ? "2999" : null);
        var withoutEnvironment = ConfigLoader.Load(file, NoOverrides, _ => null);

        Assert.Equal(2999, fromEnvironment.GetInt("coordinator.member.client-port"));
        Assert.Equal(2181, withoutEnvironment.GetInt("coordinator.member.client-port"));
    }

    [Theory]
    [InlineData("coordinator.member.id = 255", "coordinator.member.id: must be between 1 and 254, not 255")]
    [InlineData("coordinator.member.min-session-timeout = 1m", "coordinator.member.min-session-timeout: must not exceed max-session-timeout (00:00:40)")]
    [InlineData("coordinator.member.max-frame-size = 10", "coordinator.member.max-frame-size: must be at least jute-max-buffer (1048575)")]
    [InlineData("coordinator.member.tick-time = 0s", "coordinator.member.tick-time: must be a positive duration, not 00:00:00")]
    [InlineData("coordinator.member.super-digest = abc", "coordinator.member.super-digest: must be empty or \"super:<base64 sha1>\"")]
    [InlineData("coordinator.ensemble.members = [{ id = 1, host = h, client-port = 1, quorum-port = 2, election-port = 3, role = leader }]",
        "coordinator.ensemble.members[0].role: must be participant or observer, not 'leader'")]
    [InlineData("coordinator.ensemble.members = [{ id = 2, host = h, client-port = 1, quorum-port = 2, election-port = 3, role = observer }]",
        "coordinator.member.id: 1 is not among coordinator.ensemble.members (2)")]
    public void Invalid_settings_name_the_path_and_the_rule(string hocon, string message)
    {
        var config = Config.ParseString(hocon).WithFallback(ConfigLoader.Reference);

        var error = Assert.Throws<ConfigurationException>(() => CoordinatorSettings.From(config));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Duplicate_member_ids_are_rejected()
    {
        var config = Config.ParseString("""
            coordinator.ensemble.members = [
              { id = 1, host = a, client-port = 1, quorum-port = 2, election-port = 3, role = participant }
              { id = 1, host = b, client-port = 1, quorum-port = 2, election-port = 3, role = participant }
            ]
            """).WithFallback(ConfigLoader.Reference);

        var error = Assert.Throws<ConfigurationException>(() => CoordinatorSettings.From(config));

        Assert.Equal("coordinator.ensemble.members: member id 1 appears more than once", error.Message);
    }

    private static string ReadEmbeddedText(string name)
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream($"hocon/{name}")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
