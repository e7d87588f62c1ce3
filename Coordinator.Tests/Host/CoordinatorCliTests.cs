using Coordinator.Host.Cli;

namespace Coordinator.Tests.Host;

public sealed class CoordinatorCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("coordinator-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CoordinatorCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_lists_every_verb_with_a_description()
    {
        var (exit, output, _) = Run("--help");

        Assert.Equal(ExitCodes.Ok, exit);
        // The root command takes its name from the process, which is the test host here.
        Assert.Matches(@"Usage:\s+\S+ \[command\] \[options\]", output);
        Assert.Matches(@"serve\s+Run an ensemble member", output);
        Assert.Matches(@"shell\s+Interactive shell like zkCli", output);
        Assert.Matches(@"status\s+Show each member's mode", output);
        Assert.Matches(@"bench\s+Compare with Apache ZooKeeper", output);
    }

    [Fact]
    public void Serve_help_lists_its_options()
    {
        var (exit, output, _) = Run("serve", "--help");

        Assert.Equal(ExitCodes.Ok, exit);
        foreach (var option in new[] { "--config <FILE>", "--client-port <N>", "--data-dir <DIR>", "--id <N>" })
            Assert.Contains(option, output);
    }

    [Fact]
    public void No_verb_is_a_usage_error()
    {
        var (exit, _, error) = Run();

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Contains("Required command was not provided", error);
    }

    [Fact]
    public void An_unknown_verb_is_a_usage_error()
    {
        var (exit, _, error) = Run("frobnicate");

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Contains("Unrecognized command or argument 'frobnicate'", error);
    }

    [Fact]
    public void Shell_reports_a_server_string_it_cannot_use_and_exits_with_1()
    {
        var (exit, output, error) = Run("shell", "--server", "127.0.0.1:notaport", "-c", "ls /");

        Assert.Equal(ExitCodes.CommandFailed, exit);
        Assert.Equal("coordinator shell: cannot connect to 127.0.0.1:notaport: '127.0.0.1:notaport' does not end in a valid port.", error.Trim());
        Assert.Empty(output);
    }

    [Fact]
    public void Bench_runs_the_comparison_project_of_its_source_tree_in_release_with_the_options_passed_through()
    {
        var project = BenchCommand.BenchProjectFrom(AppContext.BaseDirectory);

        Assert.NotNull(project);
        Assert.True(File.Exists(project));
        Assert.Equal(["run", "-c", "Release", "--project", project, "--", "compare", "--duration", "3s"],
            BenchCommand.DotnetRunArguments(project, ["--duration", "3s"]));
        Assert.Equal(["run", "-c", "Release", "--project", project, "--", "failover", "--repetitions", "2"],
            BenchCommand.DotnetRunArguments(project, ["failover", "--repetitions", "2"]));
    }

    [Fact]
    public void Bench_outside_a_source_tree_finds_no_project()
    {
        Assert.Null(BenchCommand.BenchProjectFrom(_directory));
    }

    [Fact]
    public void Serve_reports_a_syntax_error_in_the_config_file_with_its_position()
    {
        var file = Path.Combine(_directory, "bad.conf");
        File.WriteAllText(file, "coordinator {\n  member {\n    client-port = = 3\n  }\n}\n");

        var (exit, _, error) = Run("serve", "--config", file);

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Equal($"coordinator serve: invalid configuration: {file}:3:19: expected a value but found '='", error.Trim());
    }

    [Fact]
    public void Serve_reports_a_missing_config_file()
    {
        var file = Path.Combine(_directory, "absent.conf");

        var (exit, _, error) = Run("serve", "--config", file);

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Contains($"cannot read configuration file '{file}'", error);
    }

    [Fact]
    public void Serve_reports_an_out_of_range_override()
    {
        var (exit, _, error) = Run("serve", "--client-port", "70000");

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Equal("coordinator serve: invalid configuration: coordinator.member.client-port: must be between 0 and 65535, not 70000", error.Trim());
    }

    [Fact]
    public void Serve_rejects_an_id_that_is_not_in_the_configured_ensemble()
    {
        var file = Path.Combine(_directory, "ensemble.conf");
        File.WriteAllText(file, """
            coordinator.ensemble.members = [
              { id = 1, host = "127.0.0.1", client-port = 2181, quorum-port = 2888, election-port = 3888, role = participant }
            ]
            """);

        var (exit, _, error) = Run("serve", "--config", file, "--id", "4");

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Contains("coordinator.member.id: 4 is not among coordinator.ensemble.members (1)", error);
    }

    [Fact]
    public void A_non_numeric_port_is_a_usage_error()
    {
        var (exit, _, error) = Run("serve", "--client-port", "many");

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Contains("many", error);
    }
}
