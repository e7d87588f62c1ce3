using Coordinator.Protocol;

namespace Coordinator.Host.Shell;

/// <summary>One parsed shell command line; <see cref="ShellParser"/> makes them, <see cref="ShellSession"/> runs them.</summary>
public abstract record ShellRequest
{
    /// <summary><c>ls [-s] [-R] path</c>: sorted children, or with <paramref name="Recursive"/> every path below, level by level, one per line.</summary>
    public sealed record ListChildren(string Path, bool WithStat, bool Recursive) : ShellRequest;

    /// <summary><c>get [-s] path</c>.</summary>
    public sealed record GetData(string Path, bool WithStat) : ShellRequest;

    /// <summary><c>set [-s] [-v version] path data</c>; version -1 means any.</summary>
    public sealed record SetData(string Path, string Data, int Version, bool WithStat) : ShellRequest;

    /// <summary><c>create [-e] [-s] [-c] [-t ttl] path [data] [acl]</c>; Data null means the node holds none.</summary>
    public sealed record Create(string Path, string? Data, CreateMode Mode, TimeSpan? Ttl, IReadOnlyList<Acl>? Acl) : ShellRequest;

    /// <summary><c>delete [-v version] path</c>.</summary>
    public sealed record Delete(string Path, int Version) : ShellRequest;

    /// <summary><c>deleteall path</c>: the node and everything below it, children first.</summary>
    public sealed record DeleteAll(string Path) : ShellRequest;

    /// <summary><c>stat path</c>.</summary>
    public sealed record StatNode(string Path) : ShellRequest;

    /// <summary><c>sync path</c>.</summary>
    public sealed record Sync(string Path) : ShellRequest;

    /// <summary><c>getAcl path</c>.</summary>
    public sealed record GetAcl(string Path) : ShellRequest;

    /// <summary><c>setAcl [-v version] path acl</c>.</summary>
    public sealed record SetAcl(string Path, IReadOnlyList<Acl> Acl, int Version) : ShellRequest;

    /// <summary><c>addauth scheme auth</c>.</summary>
    public sealed record AddAuth(string Scheme, string Auth) : ShellRequest;

    /// <summary><c>history</c>: the commands entered so far.</summary>
    public sealed record History : ShellRequest;

    /// <summary><c>quit</c> or <c>exit</c>.</summary>
    public sealed record Quit : ShellRequest;

    /// <summary><c>help</c>: every command's usage.</summary>
    public sealed record Help : ShellRequest;
}

/// <summary>What <see cref="ShellParser.Parse"/> made of a line: a request, an error to show, or nothing (a blank line).</summary>
public readonly record struct ParsedLine(ShellRequest? Request, string? Error)
{
    public static ParsedLine Empty => default;

    public static ParsedLine Of(ShellRequest request) => new(request, null);

    public static ParsedLine Failed(string error) => new(null, error);
}
