using Coordinator.Protocol;

namespace Coordinator.Actors.Auth;

/// <summary>Permission check of wire doc 10.2.</summary>
public static class AclCheck
{
    /// <summary>
    /// Allowed when the ACL list is empty, the caller is super, or some entry shares a bit with
    /// <paramref name="perms"/> and is world:anyone or matches one of the caller's identities.
    /// Passing several bits means "any of them" (getACL asks for READ | ADMIN).
    /// </summary>
    public static bool IsAllowed(IReadOnlyList<Acl> acl, IReadOnlyList<Id> identities, Perms perms)
    {
        if (acl.Count == 0 || identities.Any(id => id.Scheme == AuthSchemes.Super))
        {
            return true;
        }
        foreach (var entry in acl)
        {
            if ((entry.Perms & perms) == 0)
            {
                continue;
            }
            if (entry.Id == Id.Anyone || identities.Any(id => Matches(entry.Id, id)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The ACL as getACL returns it: digest ids masked to <c>user:x</c> unless the caller has ADMIN.</summary>
    public static IReadOnlyList<Acl> VisibleAcl(IReadOnlyList<Acl> acl, IReadOnlyList<Id> identities) =>
        IsAllowed(acl, identities, Perms.Admin)
            ? acl
            : acl.Select(a => a.Id.Scheme == AuthSchemes.Digest ? a with { Id = a.Id with { Ident = DigestAuth.Mask(a.Id.Ident) } } : a).ToList();

    private static bool Matches(Id aclId, Id identity) => aclId.Scheme switch
    {
        AuthSchemes.Digest => identity.Scheme == AuthSchemes.Digest && identity.Ident == aclId.Ident,
        AuthSchemes.Ip => identity.Scheme == AuthSchemes.Ip && IpAuth.Matches(aclId.Ident, identity.Ident),
        _ => false,
    };
}
