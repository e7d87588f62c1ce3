namespace Coordinator.Client.Api;

/// <summary>Maps client paths to server paths under a chroot and back; the identity when there is none.</summary>
internal sealed class Chroot(string? root)
{
    public string ToServer(string clientPath)
    {
        ValidatePath(clientPath);
        if (root is null)
            return clientPath;
        return clientPath == "/" ? root : root + clientPath;
    }

    public string ToClient(string serverPath)
    {
        if (root is null || !serverPath.StartsWith(root, StringComparison.Ordinal))
            return serverPath;
        if (serverPath.Length == root.Length)
            return "/";
        return serverPath[root.Length] == '/' ? serverPath[root.Length..] : serverPath;
    }

    // The server checks paths too, but a clear local error names the bad path before anything is sent.
    private static void ValidatePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
            throw new ArgumentException($"Path '{path}' must start with '/'.", nameof(path));
        if (path.Length > 1 && path[^1] == '/')
            throw new ArgumentException($"Path '{path}' must not end with '/'.", nameof(path));
    }
}
