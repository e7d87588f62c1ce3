using System.Text;
using Coordinator.Protocol;

namespace Coordinator.Host.Shell;

/// <summary>The zkCli text form of ACLs: <c>scheme:id:perms</c> entries, comma-separated, perms as letters of <c>cdrwa</c>.</summary>
public static class AclText
{
    private static readonly (char Letter, Perms Perm)[] Letters =
        [('c', Perms.Create), ('d', Perms.Delete), ('r', Perms.Read), ('w', Perms.Write), ('a', Perms.Admin)];

    /// <summary>
    /// Parses e.g. <c>world:anyone:cdrwa,digest:bob:hash=:r</c>. The id is everything between the first
    /// and the last colon, since digest and ip ids contain colons themselves.
    /// </summary>
    public static (IReadOnlyList<Acl> Acl, string? Error) Parse(string text)
    {
        var acl = new List<Acl>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var first = entry.IndexOf(':');
            var last = entry.LastIndexOf(':');
            if (first <= 0 || first == last)
                return ([], $"ACL entry '{entry}' is not scheme:id:perms");
            var (perms, error) = ParsePerms(entry[(last + 1)..]);
            if (error is not null)
                return ([], error);
            acl.Add(new Acl(perms, new Id(entry[..first], entry[(first + 1)..last])));
        }

        return acl.Count == 0 ? ([], $"'{text}' holds no ACL entry") : (acl, null);
    }

    /// <summary>Permission letters in zkCli's order, e.g. <c>cdrwa</c> or <c>rw</c>.</summary>
    public static string FormatPerms(Perms perms)
    {
        var text = new StringBuilder();
        foreach (var (letter, perm) in Letters)
        {
            if (perms.HasFlag(perm))
                text.Append(letter);
        }

        return text.ToString();
    }

    /// <summary>The lines zkCli's getAcl prints for one entry: <c>'scheme,'id</c> then <c>: perms</c>.</summary>
    public static IEnumerable<string> FormatEntry(Acl entry) =>
        [$"'{entry.Id.Scheme},'{entry.Id.Ident}", $": {FormatPerms(entry.Perms)}"];

    private static (Perms Perms, string? Error) ParsePerms(string letters)
    {
        var perms = Perms.None;
        foreach (var c in letters)
        {
            var match = Array.FindIndex(Letters, l => l.Letter == char.ToLowerInvariant(c));
            if (match < 0)
                return (Perms.None, $"Unknown perm type: {c}");
            perms |= Letters[match].Perm;
        }

        return (perms, null);
    }
}
