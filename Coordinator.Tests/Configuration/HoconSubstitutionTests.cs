using Coordinator.Runtime.Configuration;

namespace Coordinator.Tests.Configuration;

public sealed class HoconSubstitutionTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Substitutions_resolve_backward_and_forward_references()
    {
        var config = Config.ParseString("""
            base = 10
            backward = ${base}
            forward = ${later.value}
            chained = ${forward}
            later { value = 20 }
            """).WithEnvironment(NoEnvironment);

        Assert.Equal(10, config.GetInt("backward"));
        Assert.Equal(20, config.GetInt("forward"));
        Assert.Equal(20, config.GetInt("chained"));
    }

    [Fact]
    public void Substitutions_copy_whole_objects_and_lists()
    {
        var config = Config.ParseString("""
            defaults { port = 1, hosts = [a, b] }
            copy = ${defaults}
            hosts = ${defaults.hosts}
            """);

        Assert.Equal(1, config.GetInt("copy.port"));
        Assert.Equal(["a", "b"], config.GetStringList("hosts"));
    }

    [Fact]
    public void Substitutions_concatenate_into_strings()
    {
        var config = Config.ParseString("""
            dir = data
            journal = ${dir}/journal
            label = member ${id} of ${dir}
            id = 3
            """);

        Assert.Equal("data/journal", config.GetString("journal"));
        Assert.Equal("member 3 of data", config.GetString("label"));
    }

    [Fact]
    public void Substitutions_resolve_against_the_merged_tree_including_fallback_and_overrides()
    {
        var reference = Config.ParseString("""
            tick-time = 2s
            min-session-timeout = ${tick-time}
            data-dir = data
            journal-dir = ${data-dir}/journal
            """);
        var overrides = Config.ParseString("tick-time = 3s\ndata-dir = /var/coord");

        var config = overrides.WithFallback(reference);

        Assert.Equal(TimeSpan.FromSeconds(3), config.GetDuration("min-session-timeout"));
        Assert.Equal("/var/coord/journal", config.GetString("journal-dir"));
    }

    [Fact]
    public void An_optional_substitution_reads_the_environment_when_the_path_is_absent()
    {
        var environment = new Dictionary<string, string> { ["COORD_PORT"] = "2999" };
        var config = Config.ParseString("port = 2181\nport = ${?COORD_PORT}")
            .WithEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal(2999, config.GetInt("port"));
    }

    [Fact]
    public void An_absent_optional_substitution_keeps_the_earlier_value()
    {
        var config = Config.ParseString("port = 2181\nport = ${?COORD_PORT}").WithEnvironment(NoEnvironment);

        Assert.Equal(2181, config.GetInt("port"));
    }

    [Fact]
    public void An_absent_optional_substitution_keeps_the_value_from_a_fallback()
    {
        var reference = Config.ParseString("port = 2181");
        var config = Config.ParseString("port = ${?COORD_PORT}").WithFallback(reference).WithEnvironment(NoEnvironment);

        Assert.Equal(2181, config.GetInt("port"));
    }

    [Fact]
    public void An_absent_optional_substitution_with_no_earlier_value_leaves_the_key_unset()
    {
        var config = Config.ParseString("port = ${?COORD_PORT}\nother = 1").WithEnvironment(NoEnvironment);

        Assert.False(config.HasPath("port"));
        Assert.Equal(["other"], config.Keys);
    }

    [Fact]
    public void An_optional_substitution_prefers_a_config_path_over_the_environment()
    {
        var config = Config.ParseString("a = 1\nb = ${?a}").WithEnvironment(_ => "from environment");

        Assert.Equal(1, config.GetInt("b"));
    }

    [Fact]
    public void An_optional_substitution_reads_a_real_process_environment_variable()
    {
        var name = $"COORDINATOR_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "from process");
        try
        {
            var config = Config.ParseString($"value = ${{?{name}}}");

            Assert.Equal("from process", config.GetString("value"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_missing_required_substitution_names_the_path_and_its_position()
    {
        var config = Config.ParseString("a = 1\nb = ${nowhere.at-all}", "test.conf");

        var error = Assert.Throws<ConfigurationException>(() => config.GetInt("a"));

        Assert.Equal("test.conf:2:5: could not resolve substitution ${nowhere.at-all}: no such path in the configuration", error.Message);
    }

    [Fact]
    public void A_substitution_cycle_is_reported_instead_of_looping()
    {
        var config = Config.ParseString("a = ${b}\nb = ${a}", "cycle.conf");

        var error = Assert.Throws<ConfigurationException>(() => config.Resolve());

        Assert.Contains("substitution cycle", error.Message);
        Assert.Contains("${b} -> ${a} -> ${b}", error.Message);
        Assert.StartsWith("cycle.conf:1:5: substitution cycle", error.Message);
    }
}
