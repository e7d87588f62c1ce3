using Coordinator.Protocol;

namespace Coordinator.Actors.Auth;

/// <summary>ACL validation and expansion on create/setACL (wire doc 10.4, ZooKeeper's fixupACL).</summary>
public static class AclFixup
{
    /// <summary>
    /// The ACL to store, or null when it is invalid (the op fails with InvalidACL): empty list,
    /// world with an id other than anyone, auth with no authenticated caller identity, a malformed
    /// digest or ip id, or an unknown scheme. Exact duplicates are dropped first; auth entries expand
    /// to one entry per authenticated (non-ip, non-super) caller identity.
    /// </summary>
    public static IReadOnlyList<Acl>? Fixup(IReadOnlyList<Acl>? requested, IReadOnlyList<Id> identities)
    {
        if (requested is null || requested.Count == 0)
        {
            return null;
        }
        var fixedUp = new List<Acl>();
        foreach (var entry in requested.Distinct())
        {
            switch (entry.Id.Scheme)
            {
                case AuthSchemes.World when entry.Id.Ident == Id.Anyone.Ident:
                    fixedUp.Add(entry);
                    break;
                case AuthSchemes.Auth:
                    var authenticated = identities.Where(IsAuthenticatedIdentity).ToList();
                    if (authenticated.Count == 0)
                    {
                        return null;
                    }
                    fixedUp.AddRange(authenticated.Select(id => new Acl(entry.Perms, id)));
                    break;
                case AuthSchemes.Digest when DigestAuth.IsValidId(entry.Id.Ident):
                case AuthSchemes.Ip when IpAuth.IsValidId(entry.Id.Ident):
                    fixedUp.Add(entry);
                    break;
                default:
                    return null;
            }
        }
        return fixedUp;
    }

    // ZooKeeper asks each identity's provider isAuthenticated(): digest yes, ip no; super has no provider.
    private static bool IsAuthenticatedIdentity(Id id) => id.Scheme == AuthSchemes.Digest;
}
