using Coordinator.Runtime.Configuration;

namespace Coordinator.Tests.Configuration;

public sealed class HoconSyntaxTests
{
    [Fact]
    public void Objects_accept_equals_colon_or_no_separator_before_a_brace()
    {
        var config = Config.ParseString("""
            a = { x = 1 }
            b : { x = 2 }
            c { x = 3 }
            d { e { f: 4 } }
            """);

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("b.x"));
        Assert.Equal(3, config.GetInt("c.x"));
        Assert.Equal(4, config.GetInt("d.e.f"));
    }

    [Fact]
    public void A_document_may_be_wrapped_in_braces()
    {
        var config = Config.ParseString("{ a = 1, b = 2 }");

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Dotted_keys_create_nested_objects()
    {
        var config = Config.ParseString("a.b.c = 1\na.b.d = 2");

        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetConfig("a.b").GetInt("d"));
    }

    [Fact]
    public void Quoted_key_segments_keep_their_dots()
    {
        var config = Config.ParseString("""
            a."b.c".d = 1
            "x.y" = 2
            """);

        Assert.Equal(1, config.GetInt("a.\"b.c\".d"));
        Assert.Equal(2, config.GetInt("\"x.y\""));
        Assert.False(config.HasPath("x.y"));
    }

    [Fact]
    public void Fields_may_be_separated_by_commas_or_newlines()
    {
        var config = Config.ParseString("a = 1, b = 2\nc = 3,\nd = 4");

        Assert.Equal([1, 2, 3, 4], new[] { "a", "b", "c", "d" }.Select(config.GetInt));
    }

    [Fact]
    public void Hash_and_double_slash_comments_are_ignored()
    {
        var config = Config.ParseString("""
            # a whole-line comment
            a = 1 # trailing
            // another whole-line comment
            b = 2 // trailing
            url = "http://host/path" // slashes in quotes are text
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal("http://host/path", config.GetString("url"));
        Assert.Equal(["a", "b", "url"], config.Keys);
    }

    [Fact]
    public void Quoted_strings_decode_escapes()
    {
        var config = Config.ParseString("""s = "tab\there \"quoted\" back\\slash \u0041 line\nnext" """);

        Assert.Equal("tab\there \"quoted\" back\\slash A line\nnext", config.GetString("s"));
    }

    [Fact]
    public void Unquoted_tokens_on_one_line_concatenate_with_their_spaces()
    {
        var config = Config.ParseString("""
            a = foo bar   baz
            b = "quoted" and unquoted
            address = 0.0.0.0
            """);

        Assert.Equal("foo bar baz", config.GetString("a"));
        Assert.Equal("quoted and unquoted", config.GetString("b"));
        Assert.Equal("0.0.0.0", config.GetString("address"));
    }

    [Fact]
    public void Arrays_accept_commas_newlines_and_a_trailing_comma()
    {
        var config = Config.ParseString("""
            a = [1, 2, 3]
            b = [
              one
              "two"
              three,
            ]
            empty = []
            """);

        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(["one", "two", "three"], config.GetStringList("b"));
        Assert.Empty(config.GetStringList("empty"));
    }

    [Fact]
    public void Lists_of_objects_read_as_configs()
    {
        var config = Config.ParseString("""
            members = [
              { id = 1, host = a }
              { id = 2, host = b }
            ]
            """);

        var members = config.GetConfigList("members");

        Assert.Equal([1, 2], members.Select(m => m.GetInt("id")));
        Assert.Equal(["a", "b"], members.Select(m => m.GetString("host")));
    }

    [Fact]
    public void Booleans_and_numbers_have_typed_getters()
    {
        var config = Config.ParseString("""
            t = true, f = false, y = yes, off = off
            i = -42, l = 9000000000, d = 1.5, e = 2e3
            """);

        Assert.True(config.GetBool("t"));
        Assert.False(config.GetBool("f"));
        Assert.True(config.GetBool("y"));
        Assert.False(config.GetBool("off"));
        Assert.Equal(-42, config.GetInt("i"));
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.Equal(1.5, config.GetDouble("d"));
        Assert.Equal(2000.0, config.GetDouble("e"));
    }

    [Fact]
    public void Null_values_count_as_absent()
    {
        var config = Config.ParseString("a = null\nb = \"null\"");

        Assert.False(config.HasPath("a"));
        Assert.Equal("null", config.GetString("b"));
    }

    [Theory]
    [InlineData("200ms", 200)]
    [InlineData("2s", 2_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2 seconds", 2_000)]
    [InlineData("3 minutes", 180_000)]
    [InlineData("250", 250)]
    public void Durations_read_with_their_units(string text, long milliseconds)
    {
        var config = Config.ParseString($"t = {text}");

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), config.GetDuration("t"));
    }

    [Fact]
    public void Sub_millisecond_durations_keep_their_precision()
    {
        var config = Config.ParseString("a = 500us\nb = 100ns");

        Assert.Equal(TimeSpan.FromMicroseconds(500), config.GetDuration("a"));
        Assert.Equal(TimeSpan.FromTicks(1), config.GetDuration("b"));
    }

    [Theory]
    [InlineData("1000B", 1000L)]
    [InlineData("512KiB", 512L * 1024)]
    [InlineData("1MiB", 1024L * 1024)]
    [InlineData("1GiB", 1024L * 1024 * 1024)]
    [InlineData("1MB", 1_000_000L)]
    [InlineData("2kB", 2_000L)]
    [InlineData("1048575", 1_048_575L)]
    public void Sizes_read_with_binary_and_decimal_units(string text, long bytes)
    {
        var config = Config.ParseString($"s = {text}");

        Assert.Equal(bytes, config.GetBytes("s"));
    }
}
