using Coordinator.Bench.Compare;
using Coordinator.Bench.Workloads;

namespace Coordinator.Tests.Bench;

public sealed class CompareOptionsTests
{
    [Fact]
    public void Knobs_override_the_defaults()
    {
        var options = CompareOptions.Parse(["--duration", "500ms", "--warmup", "0s", "--sessions", "3", "--inflight", "7",
            "--workloads", "create,exists", "--servers", "coordinator", "--out", "x"]);

        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Settings.Duration);
        Assert.Equal(TimeSpan.Zero, options.Settings.Warmup);
        Assert.Equal(3, options.Settings.Sessions);
        Assert.Equal(7, options.Settings.InFlight);
        Assert.Equal(["create", "exists"], options.Workloads);
        Assert.Equal(["coordinator"], options.Servers);
        Assert.Equal("x", options.OutputDirectory);
    }

    [Fact]
    public void Without_options_every_workload_runs_against_both_servers_in_both_shapes()
    {
        var options = CompareOptions.Parse([]);

        Assert.Equal(WorkloadCatalog.Names, options.Workloads);
        Assert.Equal(["zookeeper", "coordinator"], options.Servers);
        Assert.Equal(["standalone", "ensemble-3"], options.Topologies);
        Assert.Equal(25, options.MaxStealPercent);
    }

    [Fact]
    public void One_shape_can_be_chosen()
    {
        var options = CompareOptions.Parse(["--topology", "ensemble-3", "--max-steal", "40"]);

        Assert.Equal(["ensemble-3"], options.Topologies);
        Assert.Equal(40, options.MaxStealPercent);
    }

    [Fact]
    public void A_target_server_replaces_the_servers_the_benchmark_would_start()
    {
        var options = CompareOptions.Parse(["--target", "10.0.0.7:2181,10.0.0.8:2181"]);

        Assert.Equal("10.0.0.7:2181,10.0.0.8:2181", options.Target);
    }

    [Theory]
    [InlineData("--target runs against a server already running; it takes no --servers, --topology or --coordinator-dll",
        "--target", "127.0.0.1:2181", "--topology", "standalone")]
    [InlineData("--target: takes no chroot; every workload gets a fresh folder of its own", "--target", "127.0.0.1:2181/app")]
    [InlineData("--target: 'h:x' does not end in a valid port.", "--target", "h:x")]
    [InlineData("--duration: '10' needs a unit (ms, s or m)", "--duration", "10")]
    [InlineData("--duration: '0s' is not a positive duration", "--duration", "0s")]
    [InlineData("--sessions: 'many' is not a positive whole number", "--sessions", "many")]
    [InlineData("--workloads: unknown 'lock'; choose from create, set-data, set-data-4k, get-data, exists, get-children, mixed-90-10, watch-fan-out, session-churn, lock-hand-off", "--workloads", "create,lock")]
    [InlineData("unknown option --fast", "--fast", "yes")]
    [InlineData("--out needs a value", "--out")]
    public void Bad_options_are_rejected_with_a_clear_message(string message, params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => CompareOptions.Parse(args));

        Assert.Equal(message, error.Message);
    }
}
