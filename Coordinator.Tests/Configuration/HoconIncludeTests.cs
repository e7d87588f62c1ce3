using Coordinator.Runtime.Configuration;

namespace Coordinator.Tests.Configuration;

public sealed class HoconIncludeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("coordinator-hocon-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_include_is_read_relative_to_the_including_file_and_later_fields_win()
    {
        Write("conf/base.conf", "a = 1\nb = 1\nnested { x = 1, y = 1 }");
        var main = Write("conf/main.conf", """
            include "base.conf"
            b = 2
            nested { y = 2 }
            """);

        var config = Config.ParseFile(main);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(1, config.GetInt("nested.x"));
        Assert.Equal(2, config.GetInt("nested.y"));
    }

    [Fact]
    public void Fields_before_an_include_are_overridden_by_it()
    {
        Write("base.conf", "a = included");
        var main = Write("main.conf", "a = own\ninclude \"base.conf\"");

        Assert.Equal("included", Config.ParseFile(main).GetString("a"));
    }

    [Fact]
    public void Nested_includes_are_relative_to_each_file()
    {
        Write("sub/deeper/leaf.conf", "leaf = 3");
        Write("sub/middle.conf", "include \"deeper/leaf.conf\"\nmiddle = 2");
        var main = Write("main.conf", "include \"sub/middle.conf\"\ntop = 1");

        var config = Config.ParseFile(main);

        Assert.Equal([1, 2, 3], new[] { "top", "middle", "leaf" }.Select(config.GetInt));
    }

    [Fact]
    public void An_include_inside_an_object_lands_in_that_object()
    {
        Write("member.conf", "port = 2181");
        var main = Write("main.conf", "member { include \"member.conf\" }");

        Assert.Equal(2181, Config.ParseFile(main).GetInt("member.port"));
    }

    [Fact]
    public void A_missing_plain_include_is_ignored()
    {
        var main = Write("main.conf", "include \"absent.conf\"\na = 1");

        Assert.Equal(1, Config.ParseFile(main).GetInt("a"));
    }

    [Fact]
    public void A_missing_required_include_is_an_error_at_its_position()
    {
        var main = Write("main.conf", "a = 1\ninclude required(\"absent.conf\")");

        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(main));

        Assert.Equal(new SourcePosition(main, 2, 18), error.Position);
        Assert.Contains("absent.conf", error.Message);
    }

    [Fact]
    public void A_required_file_include_is_read()
    {
        Write("base.conf", "a = 1");
        var main = Write("main.conf", "include required(file(\"base.conf\"))");

        Assert.Equal(1, Config.ParseFile(main).GetInt("a"));
    }

    [Fact]
    public void Substitutions_in_an_included_file_see_the_including_files_values()
    {
        Write("base.conf", "journal = ${data-dir}/journal");
        var main = Write("main.conf", "include \"base.conf\"\ndata-dir = /srv");

        Assert.Equal("/srv/journal", Config.ParseFile(main).GetString("journal"));
    }

    [Fact]
    public void An_include_cycle_is_reported()
    {
        Write("a.conf", "include \"b.conf\"");
        Write("b.conf", "include \"a.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(Path.Combine(_directory, "a.conf")));

        Assert.Contains("include cycle", error.Message);
    }

    [Fact]
    public void A_syntax_error_in_an_included_file_names_that_file()
    {
        var broken = Write("broken.conf", "ok = 1\nbad = [1, 2");
        var main = Write("main.conf", "include \"broken.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(main));

        Assert.Equal(broken, error.Position.Source);
        Assert.Equal(2, error.Position.Line);
    }

    [Fact]
    public void An_unreadable_file_is_a_configuration_error_naming_it()
    {
        var missing = Path.Combine(_directory, "missing.conf");

        var error = Assert.Throws<ConfigurationException>(() => Config.ParseFile(missing));

        Assert.Contains(missing, error.Message);
    }
}
