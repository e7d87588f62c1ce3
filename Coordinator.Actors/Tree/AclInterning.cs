using Coordinator.Protocol;

namespace Coordinator.Actors.Tree;

/// <summary>
/// Lets znodes with equal ACL lists share one list. Every create decodes its own copy of the same few lists
/// (open, creator-all, a handful of digests), and that copy would otherwise be a large part of a small
/// node's memory. At most <see cref="Capacity"/> distinct lists are kept, so clients inventing new ACLs
/// cannot grow it without bound; beyond that, lists are stored as given.
/// </summary>
internal sealed class AclInterning
{
    public const int Capacity = 1024;

    private readonly Dictionary<IReadOnlyList<Acl>, IReadOnlyList<Acl>> _shared = new(AclListComparer.Instance);

    public IReadOnlyList<Acl> Intern(IReadOnlyList<Acl> acl)
    {
        if (_shared.TryGetValue(acl, out var shared))
        {
            return shared;
        }
        if (_shared.Count < Capacity)
        {
            _shared.Add(acl, acl);
        }
        return acl;
    }

    private sealed class AclListComparer : IEqualityComparer<IReadOnlyList<Acl>>
    {
        public static readonly AclListComparer Instance = new();

        public bool Equals(IReadOnlyList<Acl>? x, IReadOnlyList<Acl>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

        public int GetHashCode(IReadOnlyList<Acl> acl)
        {
            var hash = new HashCode();
            foreach (var entry in acl)
            {
                hash.Add(entry);
            }
            return hash.ToHashCode();
        }
    }
}
