using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>Body of exists (3).</summary>
public sealed record ExistsRequest(string Path, bool Watch) : ZkRequest, IJuteRecord<ExistsRequest>
{
    public static ExistsRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadBool());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBool(Watch);
    }
}

/// <summary>Reply to exists (3) when the node exists.</summary>
public sealed record ExistsResponse(Stat Stat) : ZkResponse, IJuteRecord<ExistsResponse>
{
    public static ExistsResponse Read(ref JuteReader reader) => new(reader.ReadStat());

    public override void Write(ref JuteWriter writer) => writer.WriteStat(Stat);
}

/// <summary>Body of getData (4).</summary>
public sealed record GetDataRequest(string Path, bool Watch) : ZkRequest, IJuteRecord<GetDataRequest>
{
    public static GetDataRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadBool());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBool(Watch);
    }
}

/// <summary>Reply to getData (4) and reconfig (16). Null data stays null (length -1 on the wire).</summary>
public sealed record GetDataResponse(byte[]? Data, Stat Stat) : ZkResponse, IJuteRecord<GetDataResponse>
{
    public static GetDataResponse Read(ref JuteReader reader) => new(reader.ReadBuffer(), reader.ReadStat());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteBuffer(Data);
        writer.WriteStat(Stat);
    }
}

/// <summary>Body of setData (5). Version -1 means any version.</summary>
public sealed record SetDataRequest(string Path, byte[]? Data, int Version) : ZkRequest, IJuteRecord<SetDataRequest>
{
    public static SetDataRequest Read(ref JuteReader reader) =>
        new(reader.ReadStringOrEmpty(), reader.ReadBuffer(), reader.ReadInt());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteInt(Version);
    }
}

/// <summary>Reply to setData (5).</summary>
public sealed record SetDataResponse(Stat Stat) : ZkResponse, IJuteRecord<SetDataResponse>
{
    public static SetDataResponse Read(ref JuteReader reader) => new(reader.ReadStat());

    public override void Write(ref JuteWriter writer) => writer.WriteStat(Stat);
}
