using Coordinator.Host.Shell;
using Coordinator.Protocol;
using static Coordinator.Host.Shell.ShellRequest;

namespace Coordinator.Tests.Host.Shell;

public sealed class ShellParserTests
{
    private static ShellRequest Parsed(string line)
    {
        var parsed = ShellParser.Parse(line);
        Assert.Null(parsed.Error);
        return Assert.IsAssignableFrom<ShellRequest>(parsed.Request);
    }

    private static string Error(string line)
    {
        var parsed = ShellParser.Parse(line);
        Assert.Null(parsed.Request);
        return Assert.IsType<string>(parsed.Error);
    }

    [Theory]
    [InlineData("ls /a", false, false)]
    [InlineData("ls -s /a", true, false)]
    [InlineData("ls -R /a", false, true)]
    [InlineData("ls -s -R /a", true, true)]
    [InlineData("ls -sR /a", true, true)]
    [InlineData("ls /a -R", false, true)]
    public void Ls_takes_its_flags_separately_bundled_or_after_the_path(string line, bool withStat, bool recursive)
    {
        Assert.Equal(new ListChildren("/a", withStat, recursive), Parsed(line));
    }

    [Fact]
    public void Quoted_data_keeps_its_spaces_and_either_quote_works()
    {
        Assert.Equal(new SetData("/a", "hello world", -1, false), Parsed("set /a \"hello world\""));
        Assert.Equal(new SetData("/a", "it's \"here\"", -1, false), Parsed("set /a 'it'\"'\"'s \"here\"'"));
        Assert.Equal(new Create("/a", "", CreateMode.Persistent, null, null), Parsed("create /a \"\""));
    }

    [Fact]
    public void Set_reads_a_version_and_a_stat_flag_and_leaves_dash_numbers_as_data()
    {
        Assert.Equal(new SetData("/a", "x", 3, true), Parsed("set -s -v 3 /a x"));
        Assert.Equal(new SetData("/a", "-1", -1, false), Parsed("set /a -1"));
    }

    [Theory]
    [InlineData("create /a", CreateMode.Persistent)]
    [InlineData("create -e /a", CreateMode.Ephemeral)]
    [InlineData("create -s /a", CreateMode.PersistentSequential)]
    [InlineData("create -e -s /a", CreateMode.EphemeralSequential)]
    [InlineData("create -es /a", CreateMode.EphemeralSequential)]
    [InlineData("create -c /a", CreateMode.Container)]
    public void Create_flags_choose_the_mode(string line, CreateMode mode)
    {
        Assert.Equal(mode, Assert.IsType<Create>(Parsed(line)).Mode);
    }

    [Fact]
    public void Create_with_a_ttl_is_a_ttl_mode_carrying_the_milliseconds()
    {
        Assert.Equal(new Create("/a", "d", CreateMode.PersistentWithTtl, TimeSpan.FromMilliseconds(5000), null), Parsed("create -t 5000 /a d"));
        Assert.Equal(CreateMode.PersistentSequentialWithTtl, Assert.IsType<Create>(Parsed("create -s -t 10 /a")).Mode);
    }

    [Fact]
    public void Create_takes_data_and_an_acl_list_whose_digest_id_holds_a_colon()
    {
        var create = Assert.IsType<Create>(Parsed("create /a data world:anyone:r,digest:bob:abc=:cdrwa"));

        Assert.Equal("data", create.Data);
        Assert.Equal([new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, new Id("digest", "bob:abc="))], create.Acl);
    }

    [Fact]
    public void The_other_verbs_parse_to_their_requests()
    {
        Assert.Equal(new GetData("/a", true), Parsed("get -s /a"));
        Assert.Equal(new Delete("/a", 2), Parsed("delete -v 2 /a"));
        Assert.Equal(new DeleteAll("/a"), Parsed("deleteall /a"));
        Assert.Equal(new StatNode("/a"), Parsed("stat /a"));
        Assert.Equal(new Sync("/a"), Parsed("sync /a"));
        Assert.Equal(new GetAcl("/a"), Parsed("getAcl /a"));
        Assert.Equal(new AddAuth("digest", "bob:secret"), Parsed("addauth digest bob:secret"));
        Assert.IsType<History>(Parsed("history"));
        Assert.IsType<Quit>(Parsed("quit"));
        Assert.IsType<Quit>(Parsed("exit"));
        Assert.IsType<Help>(Parsed("help"));
        var setAcl = Assert.IsType<SetAcl>(Parsed("setAcl -v 1 /a ip:10.0.0.1:rw"));
        Assert.Equal((1, "/a"), (setAcl.Version, setAcl.Path));
        Assert.Equal([new Acl(Perms.Read | Perms.Write, new Id("ip", "10.0.0.1"))], setAcl.Acl);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    public void Blank_lines_and_comments_are_nothing_to_run(string line)
    {
        Assert.Equal(ParsedLine.Empty, ShellParser.Parse(line));
    }

    [Theory]
    [InlineData("frob /a", "Unknown command: frob (type help for the list)")]
    [InlineData("ls", "Usage: ls [-s] [-R] path")]
    [InlineData("get /a /b", "Usage: get [-s] path")]
    [InlineData("ls -x /a", "Unknown option -x. Usage: ls [-s] [-R] path")]
    [InlineData("delete -v", "Option -v needs a value. Usage: delete [-v version] path")]
    [InlineData("delete -v seven /a", "version must be a number, not 'seven'")]
    [InlineData("get a", "Path must start with / character: a")]
    [InlineData("set /a \"open", "Unterminated \" quote starting at column 8")]
    [InlineData("create -c -e /a", "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.")]
    [InlineData("create -e -t 100 /a", "TTLs cannot be used with ephemeral or container nodes")]
    [InlineData("create -t soon /a", "ttl must be a positive number of milliseconds, not 'soon'")]
    [InlineData("setAcl /a world:anyone:rx", "Unknown perm type: x")]
    [InlineData("setAcl /a anyone", "ACL entry 'anyone' is not scheme:id:perms")]
    public void Bad_input_gets_a_message_that_says_what_is_wrong(string line, string message)
    {
        Assert.Equal(message, Error(line));
    }

    [Fact]
    public void Commands_split_at_semicolons_outside_quotes()
    {
        Assert.Equal(["create /a \"x;y\"", " get /a"], ShellTokenizer.SplitCommands("create /a \"x;y\"; get /a"));
    }
}
