using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>
/// Client side: turns the body of a successful reply (header err 0) into its record, given the opcode of
/// the request it answers. Ops whose reply has no body yield null.
/// </summary>
public static class ResponseDecoder
{
    /// <exception cref="JuteException">The body does not parse as the reply of <paramref name="type"/>.</exception>
    public static ZkResponse? Decode(OpCode type, ReadOnlySpan<byte> body, int maxLength = JuteLimits.DefaultMaxBuffer)
    {
        var reader = new JuteReader(body, maxLength);
        return type switch
        {
            OpCode.Create => CreateResponse.Read(ref reader),
            OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => Create2Response.Read(ref reader),
            OpCode.Exists => ExistsResponse.Read(ref reader),
            OpCode.GetData or OpCode.Reconfig => GetDataResponse.Read(ref reader),
            OpCode.SetData => SetDataResponse.Read(ref reader),
            OpCode.GetAcl => GetACLResponse.Read(ref reader),
            OpCode.SetAcl => SetACLResponse.Read(ref reader),
            OpCode.GetChildren => GetChildrenResponse.Read(ref reader),
            OpCode.GetChildren2 => GetChildren2Response.Read(ref reader),
            OpCode.Sync => SyncResponse.Read(ref reader),
            OpCode.Multi or OpCode.MultiRead => MultiResponse.Read(ref reader),
            OpCode.Sasl => SetSASLResponse.Read(ref reader),
            OpCode.GetEphemerals => GetEphemeralsResponse.Read(ref reader),
            OpCode.GetAllChildrenNumber => GetAllChildrenNumberResponse.Read(ref reader),
            OpCode.AddWatch => ErrorResponse.Read(ref reader),
            OpCode.WhoAmI => WhoAmIResponse.Read(ref reader),
            OpCode.Notification => WatcherEvent.Read(ref reader),
            _ => null,
        };
    }
}
