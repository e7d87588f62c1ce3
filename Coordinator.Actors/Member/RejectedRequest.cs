using Coordinator.Protocol;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Actors.Member;

/// <summary>
/// A request frame that could not become a request (unknown opcode, body that does not parse). It still
/// travels the session's pipeline so its error reply keeps its place among the other replies.
/// </summary>
public sealed record RejectedRequest(ErrorCode Error, bool CloseAfterReply, string Reason) : ZkRequest
{
    public override void Write(ref JuteWriter writer) =>
        throw new NotSupportedException("A rejected request is never sent.");
}
