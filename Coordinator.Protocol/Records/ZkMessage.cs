using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>
/// The body of a client request frame (after its <see cref="RequestHeader"/>). The concrete records
/// are what <see cref="RequestDecoder"/> produces and what a client writes.
/// </summary>
public abstract record ZkRequest : IJuteWritable
{
    public abstract void Write(ref JuteWriter writer);
}

/// <summary>The body of a server reply frame (after its <see cref="ReplyHeader"/>).</summary>
public abstract record ZkResponse : IJuteWritable
{
    public abstract void Write(ref JuteWriter writer);
}
