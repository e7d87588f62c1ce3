using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>How decoding a request body went; each failure maps to the error code the server replies with.</summary>
public enum RequestDecodeStatus
{
    Ok,

    /// <summary>Not a request a client may send (0, 13, -1, -10, anything unknown): reply Unimplemented and close.</summary>
    UnknownOpCode,

    /// <summary>A known opcode whose body did not parse: reply MarshallingError, keep the connection.</summary>
    Malformed,
}

/// <summary>The outcome of <see cref="RequestDecoder.Decode"/>: a request, or why there is none.</summary>
public readonly record struct DecodedRequest(RequestDecodeStatus Status, ZkRequest? Request, string? Error)
{
    public bool IsOk => Status == RequestDecodeStatus.Ok;

    /// <summary>The reply error code for a failed decode (Ok when decoding succeeded).</summary>
    public ErrorCode ErrorCode => Status switch
    {
        RequestDecodeStatus.UnknownOpCode => ErrorCode.Unimplemented,
        RequestDecodeStatus.Malformed => ErrorCode.MarshallingError,
        _ => ErrorCode.Ok,
    };
}

/// <summary>Turns the body of a client request frame (after the header) into its record, by opcode.</summary>
public static class RequestDecoder
{
    /// <summary>
    /// Decodes a whole request frame body: the header, then the record its opcode calls for. Returns
    /// false only when not even the header is there; with no xid to answer, the connection must close.
    /// </summary>
    public static bool TryDecodeFrame(
        ReadOnlySpan<byte> frame,
        out RequestHeader header,
        out DecodedRequest request,
        int maxLength = JuteLimits.DefaultMaxBuffer)
    {
        if (frame.Length < RequestHeader.WireSize)
        {
            header = default;
            request = new DecodedRequest(RequestDecodeStatus.Malformed, null, $"Frame of {frame.Length} bytes has no request header.");
            return false;
        }

        var reader = new JuteReader(frame, maxLength);
        header = RequestHeader.Read(ref reader);
        request = Decode(header.Type, frame[RequestHeader.WireSize..], maxLength);
        return true;
    }

    /// <summary>Decodes the body that follows a request header of type <paramref name="type"/>.</summary>
    public static DecodedRequest Decode(OpCode type, ReadOnlySpan<byte> body, int maxLength = JuteLimits.DefaultMaxBuffer)
    {
        var reader = new JuteReader(body, maxLength);
        try
        {
            var request = Read(type, ref reader);
            return request is null
                ? new DecodedRequest(RequestDecodeStatus.UnknownOpCode, null, $"Opcode {(int)type} is not a valid request.")
                : new DecodedRequest(RequestDecodeStatus.Ok, request, null);
        }
        catch (JuteException e)
        {
            return new DecodedRequest(RequestDecodeStatus.Malformed, null, $"Opcode {(int)type}: {e.Message}");
        }
    }

    // Null means the opcode is not one a client may send at top level.
    private static ZkRequest? Read(OpCode type, ref JuteReader reader) => type switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => CreateRequest.Read(ref reader),
        OpCode.CreateTtl => CreateTTLRequest.Read(ref reader),
        OpCode.Delete => DeleteRequest.Read(ref reader),
        OpCode.DeleteContainer => DeleteContainerRequest.Read(ref reader),
        OpCode.Exists => ExistsRequest.Read(ref reader),
        OpCode.GetData => GetDataRequest.Read(ref reader),
        OpCode.SetData => SetDataRequest.Read(ref reader),
        OpCode.GetAcl => GetACLRequest.Read(ref reader),
        OpCode.SetAcl => SetACLRequest.Read(ref reader),
        OpCode.GetChildren => GetChildrenRequest.Read(ref reader),
        OpCode.GetChildren2 => GetChildren2Request.Read(ref reader),
        OpCode.Sync => SyncRequest.Read(ref reader),
        OpCode.Ping => PingRequest.Instance,
        OpCode.Multi => MultiRequest.Read(ref reader),
        OpCode.MultiRead => MultiReadRequest.Read(ref reader),
        OpCode.Reconfig => ReconfigRequest.Read(ref reader),
        OpCode.CheckWatches => CheckWatchesRequest.Read(ref reader),
        OpCode.RemoveWatches => RemoveWatchesRequest.Read(ref reader),
        OpCode.Auth => AuthPacket.Read(ref reader),
        OpCode.SetWatches => SetWatches.Read(ref reader),
        OpCode.SetWatches2 => SetWatches2.Read(ref reader),
        OpCode.Sasl => GetSASLRequest.Read(ref reader),
        OpCode.GetEphemerals => GetEphemeralsRequest.Read(ref reader),
        OpCode.GetAllChildrenNumber => GetAllChildrenNumberRequest.Read(ref reader),
        OpCode.AddWatch => CheckMode(AddWatchRequest.Read(ref reader)),
        OpCode.WhoAmI => WhoAmIRequest.Instance,
        OpCode.CloseSession => CloseSessionRequest.Instance,
        _ => null,
    };

    // ZooKeeper answers an unknown addWatch mode with MarshallingError, like a body that does not parse.
    private static AddWatchRequest CheckMode(AddWatchRequest request) =>
        request.Mode is AddWatchMode.Persistent or AddWatchMode.PersistentRecursive
            ? request
            : throw new JuteException($"Unknown addWatch mode {(int)request.Mode}.");
}
