using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>Body of auth (100, xid -4). Type is always 0; for digest, Auth is "user:password" in UTF-8.</summary>
public sealed record AuthPacket(int Type, string Scheme, byte[]? Auth) : ZkRequest, IJuteRecord<AuthPacket>
{
    public static AuthPacket Read(ref JuteReader reader) => new(reader.ReadInt(), reader.ReadStringOrEmpty(), reader.ReadBuffer());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteInt(Type);
        writer.WriteString(Scheme);
        writer.WriteBuffer(Auth);
    }
}

/// <summary>Body of sasl (102).</summary>
public sealed record GetSASLRequest(byte[]? Token) : ZkRequest, IJuteRecord<GetSASLRequest>
{
    public static GetSASLRequest Read(ref JuteReader reader) => new(reader.ReadBuffer());

    public override void Write(ref JuteWriter writer) => writer.WriteBuffer(Token);
}

/// <summary>Reply to sasl (102).</summary>
public sealed record SetSASLResponse(byte[]? Token) : ZkResponse, IJuteRecord<SetSASLResponse>
{
    public static SetSASLResponse Read(ref JuteReader reader) => new(reader.ReadBuffer());

    public override void Write(ref JuteWriter writer) => writer.WriteBuffer(Token);
}

/// <summary>One identity of the connection as reported by whoAmI, e.g. ("ip", "127.0.0.1").</summary>
public readonly record struct ClientInfo(string AuthScheme, string User) : IJuteRecord<ClientInfo>
{
    public static ClientInfo Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadStringOrEmpty());

    public void Write(ref JuteWriter writer)
    {
        writer.WriteString(AuthScheme);
        writer.WriteString(User);
    }
}

/// <summary>Reply to whoAmI (107).</summary>
public sealed record WhoAmIResponse(IReadOnlyList<ClientInfo> ClientInfo) : ZkResponse, IJuteRecord<WhoAmIResponse>
{
    public static WhoAmIResponse Read(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount(minElementSize: 8);
        var infos = new ClientInfo[Math.Max(count, 0)];
        for (var i = 0; i < infos.Length; i++)
        {
            infos[i] = Records.ClientInfo.Read(ref reader);
        }

        return new WhoAmIResponse(infos);
    }

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteInt(ClientInfo.Count);
        foreach (var info in ClientInfo)
        {
            info.Write(ref writer);
        }
    }
}

/// <summary>A bare error code: the reply body of addWatch (err 0) and of a failed multi sub-op.</summary>
public sealed record ErrorResponse(ErrorCode Err) : ZkResponse, IJuteRecord<ErrorResponse>
{
    public static ErrorResponse Read(ref JuteReader reader) => new((ErrorCode)reader.ReadInt());

    public override void Write(ref JuteWriter writer) => writer.WriteInt((int)Err);
}

/// <summary>Body of sync (9).</summary>
public sealed record SyncRequest(string Path) : ZkRequest, IJuteRecord<SyncRequest>
{
    public static SyncRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty());

    public override void Write(ref JuteWriter writer) => writer.WriteString(Path);
}

/// <summary>Reply to sync (9): the request path echoed.</summary>
public sealed record SyncResponse(string Path) : ZkResponse, IJuteRecord<SyncResponse>
{
    public static SyncResponse Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty());

    public override void Write(ref JuteWriter writer) => writer.WriteString(Path);
}

/// <summary>Body of reconfig (16). The reply is a <see cref="GetDataResponse"/> of /zookeeper/config.</summary>
public sealed record ReconfigRequest(string JoiningServers, string LeavingServers, string NewMembers, long CurConfigId)
    : ZkRequest, IJuteRecord<ReconfigRequest>
{
    public static ReconfigRequest Read(ref JuteReader reader) =>
        new(reader.ReadStringOrEmpty(), reader.ReadStringOrEmpty(), reader.ReadStringOrEmpty(), reader.ReadLong());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(JoiningServers);
        writer.WriteString(LeavingServers);
        writer.WriteString(NewMembers);
        writer.WriteLong(CurConfigId);
    }
}

/// <summary>ping (11): header only, xid -2.</summary>
public sealed record PingRequest : ZkRequest
{
    public static readonly PingRequest Instance = new();

    public override void Write(ref JuteWriter writer)
    {
    }
}

/// <summary>closeSession (-11): header only.</summary>
public sealed record CloseSessionRequest : ZkRequest
{
    public static readonly CloseSessionRequest Instance = new();

    public override void Write(ref JuteWriter writer)
    {
    }
}

/// <summary>whoAmI (107): header only.</summary>
public sealed record WhoAmIRequest : ZkRequest
{
    public static readonly WhoAmIRequest Instance = new();

    public override void Write(ref JuteWriter writer)
    {
    }
}
