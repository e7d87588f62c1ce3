using System.Buffers;
using System.Buffers.Binary;
using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Coordinator.Protocol.Framing;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Client.Session;

/// <summary>A server reply: its error code and, when the op has one, its body.</summary>
internal readonly record struct Reply(ErrorCode Err, ZkResponse? Body);

/// <summary>
/// The watch a read sets once its reply says so: <paramref name="OnOk"/> when the reply is Ok, and
/// <paramref name="OnNoNode"/> when it is NoNode (exists on a missing node leaves an exist watch).
/// </summary>
internal sealed record WatchRegistration(string ServerPath, Action<WatchedEvent> Callback, WatchKind OnOk, WatchKind? OnNoNode = null)
{
    public WatchKind? KindFor(ErrorCode err) => err switch
    {
        ErrorCode.Ok => OnOk,
        ErrorCode.NoNode => OnNoNode,
        _ => null,
    };
}

/// <summary>A request that has an xid and waits for the reply with that xid.</summary>
internal sealed class PendingRequest(OpCode type, string? clientPath, WatchRegistration? watch)
{
    public OpCode Type { get; } = type;

    /// <summary>The path as the caller named it, for the exception if the request fails.</summary>
    public string? ClientPath { get; } = clientPath;

    public WatchRegistration? Watch { get; } = watch;

    public int Xid { get; set; }

    /// <summary>The whole frame; its xid is filled in when the xid is assigned.</summary>
    public byte[] Frame { get; init; } = [];

    public TaskCompletionSource<Reply> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Builds request frames.</summary>
internal static class RequestFrames
{
    // Length prefix (4 bytes) precedes the header, whose first field is the xid.
    private const int XidOffset = 4;

    public static byte[] Build(int xid, OpCode type, ZkRequest? body)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        FrameWriter.Write(buffer, new RequestHeader(xid, type), body);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serialized outside any lock; the xid is patched in once it is known.</summary>
    public static void SetXid(byte[] frame, int xid) => BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(XidOffset), xid);

    public static T ReadBody<T>(ReadOnlySpan<byte> body) where T : IJuteRecord<T>
    {
        var reader = new JuteReader(body);
        return T.Read(ref reader);
    }
}
