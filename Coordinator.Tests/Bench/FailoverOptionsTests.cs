using Coordinator.Bench.Failover;

namespace Coordinator.Tests.Bench;

public sealed class FailoverOptionsTests
{
    [Fact]
    public void Without_options_both_servers_run_five_times()
    {
        var options = FailoverOptions.Parse([]);

        Assert.Equal(5, options.Repetitions);
        Assert.Equal(["zookeeper", "coordinator"], options.Servers);
        Assert.StartsWith(Path.Combine("bench-results", "failover-"), options.OutputDirectory);
    }

    [Fact]
    public void Knobs_override_the_defaults()
    {
        var options = FailoverOptions.Parse(["--repetitions", "3", "--servers", "coordinator", "--out", "x", "--coordinator-dll", "c.dll"]);

        Assert.Equal(3, options.Repetitions);
        Assert.Equal(["coordinator"], options.Servers);
        Assert.Equal("x", options.OutputDirectory);
        Assert.Equal("c.dll", options.CoordinatorDll);
    }

    [Theory]
    [InlineData("--repetitions", "0")]
    [InlineData("--servers", "etcd")]
    [InlineData("--topology", "ensemble-3")]
    public void A_bad_option_is_refused_with_its_name(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => FailoverOptions.Parse([name, value]));

        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Spread_takes_the_middle_of_an_odd_count_and_the_mean_of_the_two_middles_of_an_even_one()
    {
        Assert.Equal(new Spread(30, 10, 90), Spread.Of([90, 10, 30]));
        Assert.Equal(new Spread(25, 10, 90), Spread.Of([90, 10, 20, 30]));
    }
}
