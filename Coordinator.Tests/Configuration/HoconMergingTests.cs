using Coordinator.Runtime.Configuration;

namespace Coordinator.Tests.Configuration;

public sealed class HoconMergingTests
{
    [Fact]
    public void Two_definitions_of_an_object_merge()
    {
        var config = Config.ParseString("""
            a { x = 1, y = 1 }
            a { y = 2, z = 2 }
            a.w = 3
            """);

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.Equal(2, config.GetInt("a.z"));
        Assert.Equal(3, config.GetInt("a.w"));
    }

    [Fact]
    public void A_later_non_object_replaces_an_earlier_value()
    {
        var config = Config.ParseString("""
            a = 1
            a = 2
            b { x = 1 }
            b = plain
            c = plain
            c { x = 1 }
            """);

        Assert.Equal(2, config.GetInt("a"));
        Assert.Equal("plain", config.GetString("b"));
        Assert.Equal(1, config.GetInt("c.x"));
    }

    [Fact]
    public void Fallback_supplies_missing_keys_and_merges_objects()
    {
        var reference = Config.ParseString("""
            member { client-port = 2181, tick-time = 2s, journal { fsync = true, batch = 1000 } }
            """);
        var file = Config.ParseString("member { client-port = 3000, journal.batch = 10 }");

        var config = file.WithFallback(reference);

        Assert.Equal(3000, config.GetInt("member.client-port"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetDuration("member.tick-time"));
        Assert.True(config.GetBool("member.journal.fsync"));
        Assert.Equal(10, config.GetInt("member.journal.batch"));
    }

    [Fact]
    public void Overrides_stack_on_top_of_fallbacks_in_order()
    {
        var reference = Config.ParseString("port = 1\nid = 1\nname = ref");
        var file = Config.ParseString("port = 2\nid = 2");
        var overrides = Config.ParseString("port = 3");

        var config = overrides.WithFallback(file).WithFallback(reference);

        Assert.Equal(3, config.GetInt("port"));
        Assert.Equal(2, config.GetInt("id"));
        Assert.Equal("ref", config.GetString("name"));
    }

    [Fact]
    public void WithFallback_leaves_both_inputs_unchanged()
    {
        var reference = Config.ParseString("a { x = 1 }");
        var file = Config.ParseString("a { y = 2 }");

        _ = file.WithFallback(reference).GetInt("a.x");

        Assert.False(file.HasPath("a.x"));
        Assert.False(reference.HasPath("a.y"));
    }

    [Fact]
    public void Empty_has_no_keys_and_is_a_neutral_fallback()
    {
        var config = Config.ParseString("a = 1").WithFallback(Config.Empty);

        Assert.Empty(Config.Empty.Keys);
        Assert.False(Config.Empty.HasPath("a"));
        Assert.Equal(1, config.GetInt("a"));
    }
}
