using Coordinator.Runtime.Configuration;

namespace Coordinator.Tests.Configuration;

public sealed class HoconErrorTests
{
    [Theory]
    [InlineData("a = 1\nb = }", 2, 5, "expected a value but found '}'")]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected a key or '}' but found end of input")]
    [InlineData("a = 1\n  b [2]", 2, 5, "expected '=', ':' or '{' after key 'b' but found '['")]
    [InlineData("a = 1\n  b c = 2", 2, 5, "keys must not contain spaces; quote the key")]
    [InlineData("a = \"open", 1, 5, "unterminated quoted string")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "unknown escape sequence '\\q'")]
    [InlineData("list = [1, 2\nnext = 3", 2, 6, "expected ',' or ']' in a list but found '='")]
    [InlineData("a = ${unclosed", 1, 5, "unterminated substitution")]
    [InlineData("a = 1 }", 1, 7, "unexpected '}': no object is open")]
    [InlineData("a { x = 1 } b = 2", 1, 13, "expected ',' or a new line after a field but found 'b'")]
    [InlineData("a..b = 1", 1, 1, "a key or path has an empty segment (two dots, or a leading or trailing dot)")]
    [InlineData("\t\tkey = @", 1, 9, "unexpected character '@'")]
    public void Syntax_errors_name_source_line_and_column(string text, int line, int column, string problem)
    {
        var error = Assert.Throws<HoconParseException>(() => Config.ParseString(text, "my.conf"));

        Assert.Equal(new SourcePosition("my.conf", line, column), error.Position);
        Assert.Equal(problem, error.Problem);
        Assert.Equal($"my.conf:{line}:{column}: {problem}", error.Message);
    }

    [Fact]
    public void A_missing_key_names_its_full_path()
    {
        var config = Config.ParseString("coordinator.member.id = 1");

        var error = Assert.Throws<ConfigurationException>(() => config.GetInt("coordinator.member.client-port"));

        Assert.Equal("coordinator.member.client-port: missing required configuration key", error.Message);
    }

    [Fact]
    public void A_missing_key_in_a_sub_config_names_the_full_path_from_the_root()
    {
        var member = Config.ParseString("coordinator.member.id = 1").GetConfig("coordinator.member");

        var error = Assert.Throws<ConfigurationException>(() => member.GetString("data-dir"));

        Assert.Equal("coordinator.member.data-dir: missing required configuration key", error.Message);
    }

    [Fact]
    public void A_missing_key_in_a_list_element_names_its_index()
    {
        var members = Config.ParseString("ensemble.members = [{ id = 1 }]").GetConfigList("ensemble.members");

        var error = Assert.Throws<ConfigurationException>(() => members[0].GetString("host"));

        Assert.Equal("ensemble.members[0].host: missing required configuration key", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_path_expected_type_and_position()
    {
        var config = Config.ParseString("member {\n  client-port = lots\n  tick-time = [1]\n}", "my.conf");

        var port = Assert.Throws<ConfigurationException>(() => config.GetInt("member.client-port"));
        var tick = Assert.Throws<ConfigurationException>(() => config.GetDuration("member.tick-time"));
        var member = Assert.Throws<ConfigurationException>(() => config.GetString("member"));

        Assert.Equal("member.client-port: expected a 32-bit integer but was 'lots' (my.conf:2:17)", port.Message);
        Assert.Equal("member.tick-time: expected a duration (e.g. 200ms, 2s, 1m) but was a list (my.conf:3:15)", tick.Message);
        Assert.Equal("member: expected a string but was an object (my.conf:1:8)", member.Message);
    }

    [Theory]
    [InlineData("2 fortnights")]
    [InlineData("soon")]
    public void A_duration_with_an_unknown_unit_is_a_type_error(string text)
    {
        var config = Config.ParseString($"t = {text}");

        var error = Assert.Throws<ConfigurationException>(() => config.GetDuration("t"));

        Assert.StartsWith("t: expected a duration", error.Message);
    }

    [Theory]
    [InlineData("1.5B")]
    [InlineData("-1KiB")]
    [InlineData("10 parsecs")]
    public void A_size_that_is_not_a_whole_count_of_bytes_is_a_type_error(string text)
    {
        var config = Config.ParseString($"s = {text}");

        var error = Assert.Throws<ConfigurationException>(() => config.GetBytes("s"));

        Assert.StartsWith("s: expected a size", error.Message);
    }

    [Fact]
    public void A_list_of_strings_with_an_object_element_names_the_element()
    {
        var config = Config.ParseString("words = [srvr, { x = 1 }]");

        var error = Assert.Throws<ConfigurationException>(() => config.GetStringList("words"));

        Assert.StartsWith("words[1]: expected a string but was an object", error.Message);
    }

    [Fact]
    public void Integers_out_of_range_are_rejected_rather_than_wrapped()
    {
        var config = Config.ParseString("big = 3000000000");

        Assert.Throws<ConfigurationException>(() => config.GetInt("big"));
        Assert.Equal(3_000_000_000L, config.GetLong("big"));
    }
}
