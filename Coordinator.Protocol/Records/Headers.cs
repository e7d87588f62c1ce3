using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>Precedes every request body after the connect frame.</summary>
public readonly record struct RequestHeader(int Xid, OpCode Type) : IJuteRecord<RequestHeader>
{
    public const int WireSize = 8;

    public static RequestHeader Read(ref JuteReader reader) => new(reader.ReadInt(), (OpCode)reader.ReadInt());

    public void Write(ref JuteWriter writer)
    {
        writer.WriteInt(Xid);
        writer.WriteInt((int)Type);
    }
}

/// <summary>Precedes every reply body after the connect frame. When Err is not Ok no body follows (multi excepted).</summary>
public readonly record struct ReplyHeader(int Xid, long Zxid, ErrorCode Err) : IJuteRecord<ReplyHeader>
{
    public const int WireSize = 16;

    public static ReplyHeader Read(ref JuteReader reader) =>
        new(reader.ReadInt(), reader.ReadLong(), (ErrorCode)reader.ReadInt());

    public void Write(ref JuteWriter writer)
    {
        writer.WriteInt(Xid);
        writer.WriteLong(Zxid);
        writer.WriteInt((int)Err);
    }
}

/// <summary>Precedes every sub-operation and sub-result of a multi; a header with Done ends the list.</summary>
public readonly record struct MultiHeader(OpCode Type, bool Done, ErrorCode Err) : IJuteRecord<MultiHeader>
{
    /// <summary>The terminator: type -1, done, err -1.</summary>
    public static readonly MultiHeader End = new(OpCode.Error, true, (ErrorCode)(-1));

    public static MultiHeader Read(ref JuteReader reader) =>
        new((OpCode)reader.ReadInt(), reader.ReadBool(), (ErrorCode)reader.ReadInt());

    public void Write(ref JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteBool(Done);
        writer.WriteInt((int)Err);
    }
}
