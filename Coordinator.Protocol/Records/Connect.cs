using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>
/// The first frame of a connection (no header). <paramref name="ReadOnly"/> is null when the client
/// left out the optional trailing byte (node-zookeeper-client does); the server mirrors that.
/// </summary>
public sealed record ConnectRequest(
    int ProtocolVersion,
    long LastZxidSeen,
    int TimeOut,
    long SessionId,
    byte[]? Passwd,
    bool? ReadOnly) : IJuteRecord<ConnectRequest>
{
    public static ConnectRequest Read(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var lastZxidSeen = reader.ReadLong();
        var timeOut = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var passwd = reader.ReadBuffer();
        // The byte is detected by "something remains", never by a fixed body size.
        bool? readOnly = reader.Remaining > 0 ? reader.ReadBool() : null;
        return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly);
    }

    public void Write(ref JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteLong(LastZxidSeen);
        writer.WriteInt(TimeOut);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Passwd);
        if (ReadOnly is { } readOnly)
        {
            writer.WriteBool(readOnly);
        }
    }
}

/// <summary>
/// The server's answer to <see cref="ConnectRequest"/> (no header). <paramref name="ReadOnly"/> is
/// written only when not null, i.e. only when the request carried the byte. Servers must always send a
/// 16-byte password: the C client copies exactly that many.
/// </summary>
public sealed record ConnectResponse(
    int ProtocolVersion,
    int TimeOut,
    long SessionId,
    byte[]? Passwd,
    bool? ReadOnly) : IJuteRecord<ConnectResponse>
{
    public const int PasswordLength = 16;

    /// <summary>The "session expired or invalid" answer: timeout 0, session 0, sixteen zero bytes.</summary>
    public static ConnectResponse Invalid(ConnectRequest request) =>
        new(0, 0, 0, new byte[PasswordLength], request.ReadOnly is null ? null : false);

    public static ConnectResponse Read(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var timeOut = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var passwd = reader.ReadBuffer();
        bool? readOnly = reader.Remaining > 0 ? reader.ReadBool() : null;
        return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, readOnly);
    }

    public void Write(ref JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteInt(TimeOut);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Passwd);
        if (ReadOnly is { } readOnly)
        {
            writer.WriteBool(readOnly);
        }
    }
}
