namespace Coordinator.Actors.Tree;

/// <summary>Znode path rules (ZooKeeper's PathUtils.validatePath) and path arithmetic.</summary>
public static class ZPath
{
    public const string Root = "/";

    /// <summary>Paths that can never be deleted (delete answers BadArguments).</summary>
    public static readonly IReadOnlySet<string> Special =
        new HashSet<string>(StringComparer.Ordinal) { "/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config" };

    /// <summary>The full validation applied to setData/setACL/check paths and to a create's final path.
    /// Returns null when valid, else why not.</summary>
    public static string? Invalid(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "path must not be empty";
        }
        if (path[0] != '/')
        {
            return "path must start with /";
        }
        if (path.Length == 1)
        {
            return null;
        }
        if (path[^1] == '/')
        {
            return "path must not end with /";
        }
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                if (IsForbiddenChar(path[i]))
                {
                    return $"invalid character U+{(int)path[i]:X4} at index {i}";
                }
                continue;
            }
            var segment = path.AsSpan(segmentStart, i - segmentStart);
            if (segment.IsEmpty)
            {
                return $"empty segment at index {i}";
            }
            if (segment is "." or "..")
            {
                return "relative segments . and .. are not allowed";
            }
            segmentStart = i + 1;
        }
        return null;
    }

    public static bool IsValid(string? path) => Invalid(path) is null;

    /// <summary>The cheap check the server applies first to create and delete: a '/' somewhere and no U+0000.</summary>
    public static bool HasSlashAndNoNul(string path) => path.Contains('/') && !path.Contains('\0');

    public static bool IsSpecial(string path) => Special.Contains(path);

    /// <summary>Parent of a path that contains '/': everything before the last '/', with "" meaning the root.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path[..slash];
    }

    /// <summary>The last segment (after the last '/').</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Child(string parent, string name) => parent == Root ? Root + name : parent + "/" + name;

    /// <summary>The path itself, then each ancestor up to and including "/".</summary>
    public static IEnumerable<string> SelfAndAncestors(string path)
    {
        var current = path;
        while (true)
        {
            yield return current;
            if (current == Root || !current.Contains('/'))
            {
                yield break;
            }
            current = Parent(current);
        }
    }

    private static bool IsForbiddenChar(char c) =>
        c <= '\u001f' || (c >= '\u007f' && c <= '\u009f') || (c >= '\ud800' && c <= '\uf8ff') || c >= '\ufff0';
}
