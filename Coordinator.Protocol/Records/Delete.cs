using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>Body of delete (2). Version -1 means any version.</summary>
public sealed record DeleteRequest(string Path, int Version) : ZkRequest, IJuteRecord<DeleteRequest>
{
    public static DeleteRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadInt());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Version);
    }
}

/// <summary>
/// Body of deleteContainer (20), which only ZooKeeper's own container reaper sends. Only the leading
/// path is read, so both a bare path and a DeleteRequest-shaped body decode.
/// </summary>
public sealed record DeleteContainerRequest(string Path) : ZkRequest, IJuteRecord<DeleteContainerRequest>
{
    public static DeleteContainerRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty());

    public override void Write(ref JuteWriter writer) => writer.WriteString(Path);
}

/// <summary>A version check inside a multi (13); at top level the opcode is unimplemented.</summary>
public sealed record CheckVersionRequest(string Path, int Version) : ZkRequest, IJuteRecord<CheckVersionRequest>
{
    public static CheckVersionRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadInt());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Version);
    }
}
