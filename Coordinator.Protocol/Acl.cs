namespace Coordinator.Protocol;

/// <summary>Permission bits of an ACL entry.</summary>
[Flags]
public enum Perms
{
    None = 0,
    Read = 1,
    Write = 2,
    Create = 4,
    Delete = 8,
    Admin = 16,
    All = Read | Write | Create | Delete | Admin,
}

/// <summary>An identity under an authentication scheme, e.g. (world, anyone) or (digest, user:hash).</summary>
public readonly record struct Id(string Scheme, string Ident)
{
    public static readonly Id Anyone = new("world", "anyone");
    public static readonly Id AuthIds = new("auth", "");

    public override string ToString() => $"{Scheme}:{Ident}";
}

/// <summary>One ACL entry: the permissions granted to an identity.</summary>
public readonly record struct Acl(Perms Perms, Id Id)
{
    public override string ToString() => $"{Id}:{Perms}";
}

/// <summary>The well-known ACL lists of ZooDefs.Ids.</summary>
public static class Acls
{
    public static readonly IReadOnlyList<Acl> OpenAclUnsafe = [new Acl(Perms.All, Id.Anyone)];
    public static readonly IReadOnlyList<Acl> ReadAclUnsafe = [new Acl(Perms.Read, Id.Anyone)];
    public static readonly IReadOnlyList<Acl> CreatorAllAcl = [new Acl(Perms.All, Id.AuthIds)];
}
