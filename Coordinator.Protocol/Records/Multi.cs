using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>One sub-operation of a multi: the opcode it was sent with and its request record.</summary>
public readonly record struct MultiOp(OpCode Type, ZkRequest Request);

/// <summary>
/// Body of multi (14): write sub-ops only (create/create2/createContainer/createTTL/delete/setData/check).
/// Reading fails with <see cref="JuteException"/> on any other sub-op type or an undefined create flag,
/// which the server reports as MarshallingError for the whole request.
/// </summary>
public sealed record MultiRequest(IReadOnlyList<MultiOp> Ops) : ZkRequest, IJuteRecord<MultiRequest>
{
    public static MultiRequest Read(ref JuteReader reader) => new(MultiOps.Read(ref reader, readOnly: false));

    public override void Write(ref JuteWriter writer) => MultiOps.Write(ref writer, Ops);
}

/// <summary>Body of multiRead (22): getData and getChildren sub-ops only; their watch flags are ignored.</summary>
public sealed record MultiReadRequest(IReadOnlyList<MultiOp> Ops) : ZkRequest, IJuteRecord<MultiReadRequest>
{
    public static MultiReadRequest Read(ref JuteReader reader) => new(MultiOps.Read(ref reader, readOnly: true));

    public override void Write(ref JuteWriter writer) => MultiOps.Write(ref writer, Ops);
}

/// <summary>The (MultiHeader, record)* + terminator layout shared by multi and multiRead.</summary>
internal static class MultiOps
{
    public static IReadOnlyList<MultiOp> Read(ref JuteReader reader, bool readOnly)
    {
        var ops = new List<MultiOp>();
        while (true)
        {
            var header = MultiHeader.Read(ref reader);
            if (header.Done)
            {
                return ops;
            }

            ops.Add(new MultiOp(header.Type, ReadOp(ref reader, header.Type, readOnly)));
        }
    }

    public static void Write(ref JuteWriter writer, IReadOnlyList<MultiOp> ops)
    {
        foreach (var op in ops)
        {
            new MultiHeader(op.Type, false, (ErrorCode)(-1)).Write(ref writer);
            op.Request.Write(ref writer);
        }

        MultiHeader.End.Write(ref writer);
    }

    private static ZkRequest ReadOp(ref JuteReader reader, OpCode type, bool readOnly) => (type, readOnly) switch
    {
        (OpCode.Create or OpCode.Create2 or OpCode.CreateContainer, false) => CheckFlags(CreateRequest.Read(ref reader)),
        (OpCode.CreateTtl, false) => CheckFlags(CreateTTLRequest.Read(ref reader)),
        (OpCode.Delete, false) => DeleteRequest.Read(ref reader),
        (OpCode.SetData, false) => SetDataRequest.Read(ref reader),
        (OpCode.Check, false) => CheckVersionRequest.Read(ref reader),
        (OpCode.GetChildren, true) => GetChildrenRequest.Read(ref reader),
        (OpCode.GetData, true) => GetDataRequest.Read(ref reader),
        _ => throw new JuteException(
            $"Sub-op type {(int)type} is not allowed in {(readOnly ? "multiRead" : "multi")}."),
    };

    // ZooKeeper builds a CreateMode from the flags while parsing the multi, so bad flags fail the parse.
    private static CreateRequest CheckFlags(CreateRequest request) =>
        CreateModeExtensions.IsDefined(request.Flags) ? request : throw InvalidFlags(request.Flags);

    private static CreateTTLRequest CheckFlags(CreateTTLRequest request) =>
        CreateModeExtensions.IsDefined(request.Flags) ? request : throw InvalidFlags(request.Flags);

    private static JuteException InvalidFlags(int flags) => new($"Invalid create flags {flags} in multi.");
}

/// <summary>
/// One per-op result of a multi or multiRead. Type is the result type (1, 15, 2, 5, 13, 8, 4 or -1 for
/// an error); Body is the result record, or null for delete and check.
/// </summary>
public readonly record struct MultiResult(OpCode Type, ErrorCode Err, ZkResponse? Body)
{
    /// <summary>
    /// The success result of a create, shaped as Apache ZooKeeper 3.8 shapes it: create (1) and create2
    /// (15) both answer type 1 with the path only (3.8 decays create2 to create inside a multi;
    /// ZOOKEEPER-4026 changed that in 3.9); createContainer and createTTL answer type 15 with path and Stat.
    /// </summary>
    public static MultiResult Created(OpCode requestedType, string path, Stat stat) =>
        requestedType is OpCode.Create or OpCode.Create2
            ? new(OpCode.Create, ErrorCode.Ok, new CreateResponse(path))
            : new(OpCode.Create2, ErrorCode.Ok, new Create2Response(path, stat));

    public static MultiResult Deleted() => new(OpCode.Delete, ErrorCode.Ok, null);

    public static MultiResult DataSet(Stat stat) => new(OpCode.SetData, ErrorCode.Ok, new SetDataResponse(stat));

    public static MultiResult Checked() => new(OpCode.Check, ErrorCode.Ok, null);

    public static MultiResult Children(IReadOnlyList<string> children) =>
        new(OpCode.GetChildren, ErrorCode.Ok, new GetChildrenResponse(children));

    public static MultiResult Data(byte[]? data, Stat stat) => new(OpCode.GetData, ErrorCode.Ok, new GetDataResponse(data, stat));

    /// <summary>An error result: type -1, the code in the header and again in an ErrorResponse body.</summary>
    public static MultiResult Error(ErrorCode err) => new(OpCode.Error, err, new ErrorResponse(err));
}

/// <summary>Reply body of multi (14) and multiRead (22). The reply header err is 0 even when the multi failed.</summary>
public sealed record MultiResponse(IReadOnlyList<MultiResult> Results) : ZkResponse, IJuteRecord<MultiResponse>
{
    /// <summary>
    /// The reply to a multi whose op at <paramref name="failedIndex"/> failed: earlier ops report 0
    /// (rolled back), the failed op its code, later ops RuntimeInconsistency; all typed -1.
    /// </summary>
    public static MultiResponse Failed(int opCount, int failedIndex, ErrorCode err)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failedIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(failedIndex, opCount);
        var results = new MultiResult[opCount];
        for (var i = 0; i < opCount; i++)
        {
            results[i] = MultiResult.Error(i < failedIndex ? ErrorCode.Ok : i == failedIndex ? err : ErrorCode.RuntimeInconsistency);
        }

        return new MultiResponse(results);
    }

    public static MultiResponse Read(ref JuteReader reader)
    {
        var results = new List<MultiResult>();
        while (true)
        {
            var header = MultiHeader.Read(ref reader);
            if (header.Done)
            {
                return new MultiResponse(results);
            }

            results.Add(new MultiResult(header.Type, header.Err, ReadResultBody(ref reader, header.Type)));
        }
    }

    public override void Write(ref JuteWriter writer)
    {
        foreach (var result in Results)
        {
            new MultiHeader(result.Type, false, result.Err).Write(ref writer);
            result.Body?.Write(ref writer);
        }

        MultiHeader.End.Write(ref writer);
    }

    private static ZkResponse? ReadResultBody(ref JuteReader reader, OpCode type) => type switch
    {
        OpCode.Create => CreateResponse.Read(ref reader),
        OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => Create2Response.Read(ref reader),
        OpCode.Delete or OpCode.Check => null,
        OpCode.SetData => SetDataResponse.Read(ref reader),
        OpCode.GetChildren => GetChildrenResponse.Read(ref reader),
        OpCode.GetData => GetDataResponse.Read(ref reader),
        OpCode.Error => ErrorResponse.Read(ref reader),
        _ => throw new JuteException($"Unknown multi result type {(int)type}."),
    };
}
