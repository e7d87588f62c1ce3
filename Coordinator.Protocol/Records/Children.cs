using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>Body of getChildren (8).</summary>
public sealed record GetChildrenRequest(string Path, bool Watch) : ZkRequest, IJuteRecord<GetChildrenRequest>
{
    public static GetChildrenRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadBool());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBool(Watch);
    }
}

/// <summary>Reply to getChildren (8): child names, unordered.</summary>
public sealed record GetChildrenResponse(IReadOnlyList<string> Children) : ZkResponse, IJuteRecord<GetChildrenResponse>
{
    public static GetChildrenResponse Read(ref JuteReader reader) => new(reader.ReadStringVector());

    public override void Write(ref JuteWriter writer) => writer.WriteStringVector(Children);
}

/// <summary>Body of getChildren2 (12).</summary>
public sealed record GetChildren2Request(string Path, bool Watch) : ZkRequest, IJuteRecord<GetChildren2Request>
{
    public static GetChildren2Request Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadBool());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBool(Watch);
    }
}

/// <summary>Reply to getChildren2 (12): child names and the parent's Stat.</summary>
public sealed record GetChildren2Response(IReadOnlyList<string> Children, Stat Stat) : ZkResponse, IJuteRecord<GetChildren2Response>
{
    public static GetChildren2Response Read(ref JuteReader reader) => new(reader.ReadStringVector(), reader.ReadStat());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteStringVector(Children);
        writer.WriteStat(Stat);
    }
}

/// <summary>Body of getAllChildrenNumber (104).</summary>
public sealed record GetAllChildrenNumberRequest(string Path) : ZkRequest, IJuteRecord<GetAllChildrenNumberRequest>
{
    public static GetAllChildrenNumberRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty());

    public override void Write(ref JuteWriter writer) => writer.WriteString(Path);
}

/// <summary>Reply to getAllChildrenNumber (104): all descendants, not counting the node itself.</summary>
public sealed record GetAllChildrenNumberResponse(int TotalNumber) : ZkResponse, IJuteRecord<GetAllChildrenNumberResponse>
{
    public static GetAllChildrenNumberResponse Read(ref JuteReader reader) => new(reader.ReadInt());

    public override void Write(ref JuteWriter writer) => writer.WriteInt(TotalNumber);
}

/// <summary>Body of getEphemerals (103). An empty or "/" prefix means all of the session's ephemerals.</summary>
public sealed record GetEphemeralsRequest(string PrefixPath) : ZkRequest, IJuteRecord<GetEphemeralsRequest>
{
    public static GetEphemeralsRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty());

    public override void Write(ref JuteWriter writer) => writer.WriteString(PrefixPath);
}

/// <summary>Reply to getEphemerals (103).</summary>
public sealed record GetEphemeralsResponse(IReadOnlyList<string> Ephemerals) : ZkResponse, IJuteRecord<GetEphemeralsResponse>
{
    public static GetEphemeralsResponse Read(ref JuteReader reader) => new(reader.ReadStringVector());

    public override void Write(ref JuteWriter writer) => writer.WriteStringVector(Ephemerals);
}
