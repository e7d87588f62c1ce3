using System.Globalization;
using Coordinator.Protocol;
using static Coordinator.Host.Shell.ShellRequest;

namespace Coordinator.Host.Shell;

/// <summary>Turns one shell line into a <see cref="ShellRequest"/> or a message saying what is wrong. Pure.</summary>
public static class ShellParser
{
    /// <summary>One verb: its usage line, the flags it takes and how its arguments become a request.</summary>
    private sealed record Verb(string Name, string Usage, string Switches, string Valued, int MinArgs, int MaxArgs,
        Func<ShellArguments, ParsedLine> Build);

    private static readonly Verb[] Verbs =
    [
        new("ls", "ls [-s] [-R] path", "sR", "", 1, 1, a => WithPath(a, p => new ListChildren(p, a.Has('s'), a.Has('R')))),
        new("get", "get [-s] path", "s", "", 1, 1, a => WithPath(a, p => new GetData(p, a.Has('s')))),
        new("set", "set [-s] [-v version] path data", "s", "v", 2, 2,
            a => WithVersion(a, v => WithPath(a, p => new SetData(p, a.Positional[1], v, a.Has('s'))))),
        new("create", "create [-e] [-s] [-c] [-t ttl] path [data] [acl]", "esc", "t", 1, 3, BuildCreate),
        new("delete", "delete [-v version] path", "", "v", 1, 1, a => WithVersion(a, v => WithPath(a, p => new Delete(p, v)))),
        new("deleteall", "deleteall path", "", "", 1, 1, a => WithPath(a, p => new DeleteAll(p))),
        new("stat", "stat path", "", "", 1, 1, a => WithPath(a, p => new StatNode(p))),
        new("sync", "sync path", "", "", 1, 1, a => WithPath(a, p => new Sync(p))),
        new("getAcl", "getAcl path", "", "", 1, 1, a => WithPath(a, p => new GetAcl(p))),
        new("setAcl", "setAcl [-v version] path acl", "", "v", 2, 2,
            a => WithVersion(a, v => WithPath(a, p => WithAcl(a.Positional[1], acl => ParsedLine.Of(new SetAcl(p, acl, v)))))),
        new("addauth", "addauth scheme auth", "", "", 2, 2, a => ParsedLine.Of(new AddAuth(a.Positional[0], a.Positional[1]))),
        new("history", "history", "", "", 0, 0, _ => ParsedLine.Of(new History())),
        new("quit", "quit", "", "", 0, 0, _ => ParsedLine.Of(new Quit())),
        new("exit", "exit", "", "", 0, 0, _ => ParsedLine.Of(new Quit())),
        new("help", "help", "", "", 0, 0, _ => ParsedLine.Of(new Help())),
    ];

    /// <summary>Every command's usage line, for <c>help</c>.</summary>
    public static IEnumerable<string> Usages => Verbs.Select(verb => "\t" + verb.Usage);

    /// <summary>Parses <paramref name="line"/>; a blank line or a <c>#</c> comment gives <see cref="ParsedLine.Empty"/>.</summary>
    public static ParsedLine Parse(string line)
    {
        var (words, error) = ShellTokenizer.Split(line);
        if (error is not null)
            return ParsedLine.Failed(error);
        if (words.Count == 0 || words[0].StartsWith('#'))
            return ParsedLine.Empty;

        var verb = Array.Find(Verbs, v => string.Equals(v.Name, words[0], StringComparison.OrdinalIgnoreCase));
        if (verb is null)
            return ParsedLine.Failed($"Unknown command: {words[0]} (type help for the list)");

        var (arguments, flagError) = ShellArguments.Read(words.Skip(1).ToList(), verb.Switches, verb.Valued);
        if (flagError is not null)
            return ParsedLine.Failed($"{flagError}. Usage: {verb.Usage}");
        if (arguments.Positional.Count < verb.MinArgs || arguments.Positional.Count > verb.MaxArgs)
            return ParsedLine.Failed($"Usage: {verb.Usage}");
        return verb.Build(arguments);
    }

    private static ParsedLine BuildCreate(ShellArguments a)
    {
        var ephemeral = a.Has('e');
        var sequential = a.Has('s');
        var container = a.Has('c');
        if (container && (ephemeral || sequential))
            return ParsedLine.Failed("-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
        TimeSpan? ttl = null;
        if (a.Value('t') is { } ttlText)
        {
            if (!long.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms <= 0)
                return ParsedLine.Failed($"ttl must be a positive number of milliseconds, not '{ttlText}'");
            if (ephemeral || container)
                return ParsedLine.Failed("TTLs cannot be used with ephemeral or container nodes");
            ttl = TimeSpan.FromMilliseconds(ms);
        }

        var mode = (ephemeral, sequential, container, ttl.HasValue) switch
        {
            (_, _, true, _) => CreateMode.Container,
            (true, true, _, _) => CreateMode.EphemeralSequential,
            (true, false, _, _) => CreateMode.Ephemeral,
            (_, true, _, true) => CreateMode.PersistentSequentialWithTtl,
            (_, false, _, true) => CreateMode.PersistentWithTtl,
            (_, true, _, false) => CreateMode.PersistentSequential,
            _ => CreateMode.Persistent,
        };
        var data = a.Positional.Count > 1 ? a.Positional[1] : null;
        return WithPath(a, path => a.Positional.Count > 2
            ? WithAcl(a.Positional[2], acl => ParsedLine.Of(new Create(path, data, mode, ttl, acl)))
            : ParsedLine.Of(new Create(path, data, mode, ttl, null)));
    }

    private static ParsedLine WithPath(ShellArguments a, Func<string, ShellRequest> build) =>
        WithPath(a, path => ParsedLine.Of(build(path)));

    private static ParsedLine WithPath(ShellArguments a, Func<string, ParsedLine> build)
    {
        var path = a.Positional[0];
        if (!path.StartsWith('/'))
            return ParsedLine.Failed($"Path must start with / character: {path}");
        return build(path);
    }

    private static ParsedLine WithVersion(ShellArguments a, Func<int, ParsedLine> build)
    {
        if (a.Value('v') is not { } text)
            return build(-1);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var version)
            ? build(version)
            : ParsedLine.Failed($"version must be a number, not '{text}'");
    }

    private static ParsedLine WithAcl(string text, Func<IReadOnlyList<Acl>, ParsedLine> build)
    {
        var (acl, error) = AclText.Parse(text);
        return error is null ? build(acl) : ParsedLine.Failed(error);
    }
}
