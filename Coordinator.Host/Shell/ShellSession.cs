using System.Text;
using Coordinator.Client.Api;
using Coordinator.Protocol;
using static Coordinator.Host.Shell.ShellRequest;

namespace Coordinator.Host.Shell;

/// <summary>
/// Runs shell commands against one <see cref="CoordinatorClient"/> session: results go to
/// <c>output</c>, error answers (in zkCli's wording) to <c>error</c>. Keeps the history.
/// </summary>
public sealed class ShellSession(CoordinatorClient client, string server, TextWriter output, TextWriter error)
{
    private readonly List<string> _history = [];

    /// <summary>Every non-blank line given to <see cref="ExecuteAsync"/>, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>True once <c>quit</c> or <c>exit</c> ran.</summary>
    public bool QuitRequested { get; private set; }

    /// <summary>zkCli's prompt: server, connection state and the number of the next command.</summary>
    public string Prompt => $"[coordinator: {server}({client.State.ToString().ToUpperInvariant()}) {_history.Count}] ";

    /// <summary>Runs one line; false when it could not be parsed or the server refused it.</summary>
    public async Task<bool> ExecuteAsync(string line)
    {
        var parsed = ShellParser.Parse(line);
        if (parsed is { Request: null, Error: null })
            return true;
        _history.Add(line.Trim());
        if (parsed.Error is not null)
        {
            await error.WriteLineAsync(parsed.Error).ConfigureAwait(false);
            return false;
        }

        try
        {
            await RunAsync(parsed.Request!).ConfigureAwait(false);
            return true;
        }
        catch (KeeperException e)
        {
            await error.WriteLineAsync(ShellErrors.Describe(e)).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            // The client's own checks, e.g. an invalid path such as "/a//b".
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>
    /// Reads lines from <paramref name="input"/> until its end or <c>quit</c>, showing the prompt first when
    /// <paramref name="interactive"/>. Failed commands do not stop the run; the result is 1 if any failed.
    /// </summary>
    public async Task<int> RunLinesAsync(TextReader input, bool interactive)
    {
        var failed = false;
        while (!QuitRequested)
        {
            if (interactive)
                await output.WriteAsync(Prompt).ConfigureAwait(false);
            if (await input.ReadLineAsync().ConfigureAwait(false) is not { } line)
                break;
            failed |= !await ExecuteAsync(line).ConfigureAwait(false);
        }

        return failed && !interactive ? 1 : 0;
    }

    private Task RunAsync(ShellRequest request) => request switch
    {
        ListChildren ls => ListAsync(ls),
        GetData get => GetAsync(get),
        SetData set => SetAsync(set),
        Create create => CreateAsync(create),
        Delete delete => client.DeleteAsync(delete.Path, delete.Version),
        DeleteAll deleteAll => DeleteTreeAsync(deleteAll.Path),
        StatNode stat => StatAsync(stat.Path),
        Sync sync => SyncAsync(sync.Path),
        GetAcl getAcl => GetAclAsync(getAcl.Path),
        SetAcl setAcl => client.SetAclAsync(setAcl.Path, setAcl.Acl, setAcl.Version),
        AddAuth auth => client.AddAuthAsync(auth.Scheme, Encoding.UTF8.GetBytes(auth.Auth)),
        ShellRequest.History => WriteLinesAsync(_history.Select((line, i) => $"{i} - {line}")),
        Quit => QuitAsync(),
        Help => WriteLinesAsync(ShellParser.Usages.Prepend("Commands:")),
        _ => throw new InvalidOperationException($"No handler for {request}"),
    };

    private async Task ListAsync(ListChildren ls)
    {
        if (ls.Recursive)
        {
            await ListTreeAsync(ls.Path).ConfigureAwait(false);
            return;
        }

        var children = await client.GetChildrenAsync(ls.Path).ConfigureAwait(false);
        await output.WriteLineAsync($"[{string.Join(", ", children.Children.Order(StringComparer.Ordinal))}]").ConfigureAwait(false);
        if (ls.WithStat)
            await WriteLinesAsync(StatText.Format(children.Stat)).ConfigureAwait(false);
    }

    /// <summary>The path and everything below it level by level, each node's children in name order (as zkCli 3.8's ls -R).</summary>
    private async Task ListTreeAsync(string path)
    {
        var pending = new Queue<string>([path]);
        while (pending.TryDequeue(out var next))
        {
            await output.WriteLineAsync(next).ConfigureAwait(false);
            foreach (var child in await SortedChildPathsAsync(next).ConfigureAwait(false))
                pending.Enqueue(child);
        }
    }

    /// <summary>Children before their parent, so every delete finds its node empty.</summary>
    private async Task DeleteTreeAsync(string path)
    {
        foreach (var child in await SortedChildPathsAsync(path).ConfigureAwait(false))
            await DeleteTreeAsync(child).ConfigureAwait(false);
        await client.DeleteAsync(path).ConfigureAwait(false);
    }

    private async Task<IEnumerable<string>> SortedChildPathsAsync(string path)
    {
        var children = await client.GetChildrenAsync(path).ConfigureAwait(false);
        var prefix = path == "/" ? "/" : path + "/";
        return children.Children.Order(StringComparer.Ordinal).Select(name => prefix + name);
    }

    private async Task GetAsync(GetData get)
    {
        var result = await client.GetDataAsync(get.Path).ConfigureAwait(false);
        // zkCli prints "null" for a node that holds no data.
        await output.WriteLineAsync(result.Data is null ? "null" : Encoding.UTF8.GetString(result.Data)).ConfigureAwait(false);
        if (get.WithStat)
            await WriteLinesAsync(StatText.Format(result.Stat)).ConfigureAwait(false);
    }

    private async Task SetAsync(SetData set)
    {
        var stat = await client.SetDataAsync(set.Path, Encoding.UTF8.GetBytes(set.Data), set.Version).ConfigureAwait(false);
        if (set.WithStat)
            await WriteLinesAsync(StatText.Format(stat)).ConfigureAwait(false);
    }

    private async Task CreateAsync(Create create)
    {
        var data = create.Data is null ? null : Encoding.UTF8.GetBytes(create.Data);
        var created = await client.CreateAsync(create.Path, data, create.Mode, create.Acl, create.Ttl).ConfigureAwait(false);
        await output.WriteLineAsync($"Created {created.Path}").ConfigureAwait(false);
    }

    private async Task StatAsync(string path)
    {
        var stat = await client.ExistsAsync(path).ConfigureAwait(false) ?? throw KeeperException.Create(ErrorCode.NoNode, path);
        await WriteLinesAsync(StatText.Format(stat)).ConfigureAwait(false);
    }

    private async Task SyncAsync(string path)
    {
        await client.SyncAsync(path).ConfigureAwait(false);
        await output.WriteLineAsync("Sync is OK").ConfigureAwait(false);
    }

    private async Task GetAclAsync(string path)
    {
        var result = await client.GetAclAsync(path).ConfigureAwait(false);
        await WriteLinesAsync(result.Acl.SelectMany(AclText.FormatEntry)).ConfigureAwait(false);
    }

    private Task QuitAsync()
    {
        QuitRequested = true;
        return Task.CompletedTask;
    }

    private async Task WriteLinesAsync(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            await output.WriteLineAsync(line).ConfigureAwait(false);
    }
}
