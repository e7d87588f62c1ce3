using Coordinator.Protocol;

namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>A client request on one znode, as the simulation records it.</summary>
public abstract record ZkInput(string Path)
{
    /// <summary>Writes go through the leader and are linearizable; reads are served locally and may be stale.</summary>
    public abstract bool IsWrite { get; }

    private protected static string Expecting(int version) => version == -1 ? "" : $" expecting v{version}";
}

public sealed record ZkCreate(string Path, string Data) : ZkInput(Path)
{
    public override bool IsWrite => true;
    public override string ToString() => $"create {Path} '{Data}'";
}

/// <param name="ExpectedVersion">-1 matches any version, as in ZooKeeper.</param>
public sealed record ZkSetData(string Path, string Data, int ExpectedVersion = -1) : ZkInput(Path)
{
    public override bool IsWrite => true;
    public override string ToString() => $"setData {Path} '{Data}'{Expecting(ExpectedVersion)}";
}

/// <param name="ExpectedVersion">-1 matches any version, as in ZooKeeper.</param>
public sealed record ZkDelete(string Path, int ExpectedVersion = -1) : ZkInput(Path)
{
    public override bool IsWrite => true;
    public override string ToString() => $"delete {Path}{Expecting(ExpectedVersion)}";
}

public sealed record ZkGetData(string Path) : ZkInput(Path)
{
    public override bool IsWrite => false;
    public override string ToString() => $"getData {Path}";
}

public sealed record ZkExists(string Path) : ZkInput(Path)
{
    public override bool IsWrite => false;
    public override string ToString() => $"exists {Path}";
}

/// <summary>
/// What the client saw. Only the fields an operation reports are set: getData gives data and version,
/// setData and exists give the version from the returned Stat, create and delete give only the error code.
/// An exists that finds nothing is recorded as <see cref="ErrorCode.NoNode"/>.
/// </summary>
public readonly record struct ZkOutput(ErrorCode Error, string? Data = null, int Version = -1)
{
    public static ZkOutput Ok() => new(ErrorCode.Ok);

    public static ZkOutput Failed(ErrorCode error) => new(error);

    public static ZkOutput WithVersion(int version) => new(ErrorCode.Ok, null, version);

    public static ZkOutput WithData(string data, int version) => new(ErrorCode.Ok, data, version);

    public override string ToString() => Error != ErrorCode.Ok ? Error.ToString()
        : Data is not null ? $"'{Data}' v{Version}"
        : Version >= 0 ? $"Ok v{Version}"
        : "Ok";
}

/// <summary>One znode's data and data version; versions restart at 0 when the node is created again.</summary>
public readonly record struct ZNodeState(bool Exists, string Data, int Version)
{
    public static ZNodeState Absent { get; } = new(false, "", -1);

    public override string ToString() => Exists ? $"'{Data}' v{Version}" : "absent";
}

/// <summary>
/// Sequential specification of independent znodes, partitioned by path. Parents, children, ACLs and
/// ephemeral/sequential modes are not modelled: a simulation using this model creates only paths whose parent
/// always exists and never deletes a node with children.
/// </summary>
public sealed class ZNodeModel : IPartitionedModel<ZNodeState, ZkInput, ZkOutput>
{
    public static ZNodeModel Instance { get; } = new();

    public ZNodeState Init() => ZNodeState.Absent;

    public StepResult<ZNodeState> Step(ZNodeState state, ZkInput input, ZkOutput output)
    {
        var (expected, next) = Apply(state, input);
        return expected == output ? new(true, next) : StepResult<ZNodeState>.Rejected(state);
    }

    /// <summary>A failed write changes nothing, which the checker already covers by omitting the operation.</summary>
    public StepResult<ZNodeState> StepPending(ZNodeState state, ZkInput input)
    {
        var (expected, next) = Apply(state, input);
        return expected.Error == ErrorCode.Ok ? new(true, next) : StepResult<ZNodeState>.Rejected(state);
    }

    public IEqualityComparer<ZNodeState> StateComparer => EqualityComparer<ZNodeState>.Default;

    public string PartitionKey(ZkInput input) => input.Path;

    public string DescribeOperation(ZkInput input, ZkOutput output) => $"{input} -> {output}";

    public string DescribeState(ZNodeState state) => state.ToString();

    /// <summary>The one answer ZooKeeper gives to <paramref name="input"/> in <paramref name="state"/>, and the state after.</summary>
    public static (ZkOutput Output, ZNodeState Next) Apply(ZNodeState state, ZkInput input) => input switch
    {
        ZkCreate create => state.Exists
            ? (ZkOutput.Failed(ErrorCode.NodeExists), state)
            : (ZkOutput.Ok(), new ZNodeState(true, create.Data, 0)),
        ZkSetData set => !state.Exists ? (ZkOutput.Failed(ErrorCode.NoNode), state)
            : !VersionMatches(set.ExpectedVersion, state) ? (ZkOutput.Failed(ErrorCode.BadVersion), state)
            : (ZkOutput.WithVersion(state.Version + 1), new ZNodeState(true, set.Data, state.Version + 1)),
        ZkDelete delete => !state.Exists ? (ZkOutput.Failed(ErrorCode.NoNode), state)
            : !VersionMatches(delete.ExpectedVersion, state) ? (ZkOutput.Failed(ErrorCode.BadVersion), state)
            : (ZkOutput.Ok(), ZNodeState.Absent),
        ZkGetData => (state.Exists ? ZkOutput.WithData(state.Data, state.Version) : ZkOutput.Failed(ErrorCode.NoNode), state),
        ZkExists => (state.Exists ? ZkOutput.WithVersion(state.Version) : ZkOutput.Failed(ErrorCode.NoNode), state),
        _ => throw new ArgumentException($"unknown znode operation {input.GetType().Name}", nameof(input)),
    };

    private static bool VersionMatches(int expected, ZNodeState state) => expected == -1 || expected == state.Version;
}
