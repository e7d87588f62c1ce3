using System.Text;
using Coordinator.Actors.Auth;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Auth;

public sealed class AuthTests
{
    private static readonly Id Bob = new("digest", DigestAuth.GenerateDigest("bob:secret"));
    private static readonly Id Localhost = new("ip", "127.0.0.1");

    [Fact]
    public void Digest_of_super_test_is_the_well_known_super_digest() =>
        Assert.Equal("super:D/InIHSb7yEEbrWz8b9l71RjZJU=", DigestAuth.GenerateDigest("super:test"));

    [Fact]
    public void Digest_auth_adds_super_only_when_the_digest_matches_the_configured_super_digest()
    {
        const string superDigest = "super:D/InIHSb7yEEbrWz8b9l71RjZJU=";

        Assert.Equal(
            [new Id("digest", superDigest), new Id("super", "")],
            DigestAuth.Authenticate(Encoding.UTF8.GetBytes("super:test"), superDigest));
        Assert.Equal([new Id("digest", DigestAuth.GenerateDigest("super:wrong"))],
            DigestAuth.Authenticate(Encoding.UTF8.GetBytes("super:wrong"), superDigest));
        Assert.Single(DigestAuth.Authenticate(Encoding.UTF8.GetBytes("super:test"), superDigest: null));
    }

    [Fact]
    public void An_empty_acl_list_allows_everything()
    {
        Assert.True(AclCheck.IsAllowed([], [], Perms.Admin));
    }

    [Fact]
    public void World_anyone_allows_only_the_granted_bits()
    {
        Assert.True(AclCheck.IsAllowed(Acls.ReadAclUnsafe, [Localhost], Perms.Read));
        Assert.False(AclCheck.IsAllowed(Acls.ReadAclUnsafe, [Localhost], Perms.Write));
    }

    [Fact]
    public void Several_requested_bits_mean_any_of_them()
    {
        IReadOnlyList<Acl> adminOnly = [new Acl(Perms.Admin, Id.Anyone)];

        Assert.True(AclCheck.IsAllowed(adminOnly, [], Perms.Read | Perms.Admin));
    }

    [Fact]
    public void Digest_entries_match_the_exact_identity()
    {
        IReadOnlyList<Acl> acl = [new Acl(Perms.All, Bob)];

        Assert.True(AclCheck.IsAllowed(acl, [Localhost, Bob], Perms.Write));
        Assert.False(AclCheck.IsAllowed(acl, [Localhost, new Id("digest", DigestAuth.GenerateDigest("bob:wrong"))], Perms.Write));
        Assert.False(AclCheck.IsAllowed(acl, [new Id("ip", Bob.Ident)], Perms.Write));
    }

    [Fact]
    public void Super_bypasses_every_check()
    {
        IReadOnlyList<Acl> acl = [new Acl(Perms.Read, Bob)];

        Assert.True(AclCheck.IsAllowed(acl, [new Id("super", "")], Perms.Admin));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("10.1.0.0/16", "10.1.200.3", true)]
    [InlineData("10.1.0.0/16", "10.2.0.1", false)]
    [InlineData("10.1.2.3/0", "192.168.0.1", true)]
    [InlineData("192.168.1.128/25", "192.168.1.200", true)]
    [InlineData("192.168.1.128/25", "192.168.1.127", false)]
    [InlineData("::1", "::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("10.0.0.1", "::1", false)]
    public void Ip_entries_match_addresses_by_prefix(string aclId, string client, bool allowed)
    {
        IReadOnlyList<Acl> acl = [new Acl(Perms.Read, new Id("ip", aclId))];

        Assert.Equal(allowed, AclCheck.IsAllowed(acl, [new Id("ip", client)], Perms.Read));
    }

    [Fact]
    public void Fixup_rejects_empty_and_null_lists()
    {
        Assert.Null(AclFixup.Fixup([], [Localhost]));
        Assert.Null(AclFixup.Fixup(null, [Localhost]));
    }

    [Fact]
    public void Fixup_removes_exact_duplicates()
    {
        var fixedUp = AclFixup.Fixup([new Acl(Perms.All, Id.Anyone), new Acl(Perms.All, Id.Anyone)], [Localhost]);

        Assert.Equal(Acls.OpenAclUnsafe, fixedUp);
    }

    [Theory]
    [InlineData("world", "somebody")]
    [InlineData("digest", "bob")]
    [InlineData("digest", "bob:")]
    [InlineData("digest", "a:b:c")]
    [InlineData("ip", "10.0.0")]
    [InlineData("ip", "10.0.0.256")]
    [InlineData("ip", "10.0.0.1/33")]
    [InlineData("ip", "10.0.0.1/x")]
    [InlineData("ip", "host.example")]
    [InlineData("super", "")]
    [InlineData("sasl", "bob")]
    public void Fixup_rejects_entries_no_provider_accepts(string scheme, string id) =>
        Assert.Null(AclFixup.Fixup([new Acl(Perms.All, new Id(scheme, id))], [Localhost, Bob]));

    [Theory]
    [InlineData("digest", "bob:hash")]
    [InlineData("digest", ":hash")]
    [InlineData("ip", "10.0.0.1")]
    [InlineData("ip", "10.0.0.0/8")]
    [InlineData("ip", "fe80::1/64")]
    public void Fixup_keeps_well_formed_digest_and_ip_entries(string scheme, string id)
    {
        var acl = new Acl(Perms.Read, new Id(scheme, id));

        Assert.Equal([acl], AclFixup.Fixup([acl], [Localhost]));
    }

    [Fact]
    public void Fixup_expands_auth_to_each_authenticated_identity_of_the_caller()
    {
        var alice = new Id("digest", DigestAuth.GenerateDigest("alice:pw"));

        var fixedUp = AclFixup.Fixup(Acls.CreatorAllAcl, [Localhost, Bob, alice, new Id("super", "")]);

        Assert.Equal([new Acl(Perms.All, Bob), new Acl(Perms.All, alice)], fixedUp);
    }

    [Fact]
    public void Fixup_rejects_auth_when_the_caller_has_only_an_ip_identity()
    {
        Assert.Null(AclFixup.Fixup(Acls.CreatorAllAcl, [Localhost]));
    }

    [Fact]
    public void GetAcl_masks_digest_ids_for_callers_without_admin()
    {
        IReadOnlyList<Acl> acl = [new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, new Id("digest", "bob:hash="))];

        Assert.Equal(
            [new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, new Id("digest", "bob:x"))],
            AclCheck.VisibleAcl(acl, [Localhost]));
        Assert.Equal(acl, AclCheck.VisibleAcl(acl, [new Id("super", "")]));
    }
}

public sealed class ConnectionIdentitiesTests
{
    private static AuthPacket Digest(string userPassword) => new(0, "digest", System.Text.Encoding.UTF8.GetBytes(userPassword));

    [Fact]
    public void A_connection_starts_with_its_ip_identity_and_accumulates_digests()
    {
        var identities = new ConnectionIdentities("10.0.0.5");

        Assert.Equal(ErrorCode.Ok, identities.Authenticate(Digest("bob:pw")));
        Assert.Equal(ErrorCode.Ok, identities.Authenticate(Digest("bob:pw")));
        Assert.Equal(ErrorCode.Ok, identities.Authenticate(Digest("amy:pw")));

        Assert.Equal(
            [new Id("ip", "10.0.0.5"), new Id("digest", DigestAuth.GenerateDigest("bob:pw")), new Id("digest", DigestAuth.GenerateDigest("amy:pw"))],
            identities.Ids);
        Assert.False(identities.IsSuper);
    }

    [Fact]
    public void The_super_digest_makes_a_connection_super_and_who_am_i_lists_every_identity()
    {
        var identities = new ConnectionIdentities("::1", superDigest: "super:D/InIHSb7yEEbrWz8b9l71RjZJU=");

        identities.Authenticate(Digest("super:test"));

        Assert.True(identities.IsSuper);
        Assert.Equal([new ClientInfo("ip", "::1"), new ClientInfo("digest", "super"), new ClientInfo("super", "")], identities.WhoAmI());
    }

    [Fact]
    public void Unknown_or_disabled_schemes_fail_authentication_and_ip_adds_nothing()
    {
        var identities = new ConnectionIdentities("10.0.0.5", digestEnabled: false);

        Assert.Equal(ErrorCode.AuthFailed, identities.Authenticate(new AuthPacket(0, "kerberos", [1])));
        Assert.Equal(ErrorCode.AuthFailed, identities.Authenticate(Digest("bob:pw")));
        Assert.Equal(ErrorCode.Ok, identities.Authenticate(new AuthPacket(0, "ip", [])));
        Assert.Single(identities.Ids);
    }
}
