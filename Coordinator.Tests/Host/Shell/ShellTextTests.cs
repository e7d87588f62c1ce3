using Coordinator.Host.Shell;
using Coordinator.Protocol;

namespace Coordinator.Tests.Host.Shell;

public sealed class ShellTextTests
{
    [Fact]
    public void Stat_prints_as_zkCli_with_hex_zxids_and_java_style_utc_dates()
    {
        var created = new DateTimeOffset(2026, 11, 22, 0, 35, 32, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var stat = new Stat(Czxid: 0x2, Mzxid: 0x1f, Ctime: created, Mtime: created + 86_400_000, Version: 3, Cversion: 4,
            Aversion: 1, EphemeralOwner: 0x1000abc, DataLength: 5, NumChildren: 2, Pzxid: 0x20);

        Assert.Equal(
        [
            "cZxid = 0x2", "ctime = Sun Nov 22 00:35:32 UTC 2026", "mZxid = 0x1f", "mtime = Mon Nov 23 00:35:32 UTC 2026",
            "pZxid = 0x20", "cversion = 4", "dataVersion = 3", "aclVersion = 1", "ephemeralOwner = 0x1000abc",
            "dataLength = 5", "numChildren = 2",
        ], StatText.Format(stat));
    }

    [Fact]
    public void Acl_entries_print_scheme_and_id_then_perms_in_cdrwa_order()
    {
        Assert.Equal(["'world,'anyone", ": cdrwa"], AclText.FormatEntry(new Acl(Perms.All, Id.Anyone)));
        Assert.Equal(["'digest,'bob:abc=", ": rw"], AclText.FormatEntry(new Acl(Perms.Write | Perms.Read, new Id("digest", "bob:abc="))));
        Assert.Equal("", AclText.FormatPerms(Perms.None));
    }

    [Fact]
    public void Perm_letters_parse_in_any_order_and_case()
    {
        var (acl, error) = AclText.Parse("world:anyone:AWRDC");

        Assert.Null(error);
        Assert.Equal([new Acl(Perms.All, Id.Anyone)], acl);
    }
}
