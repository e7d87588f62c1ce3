using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>Body of create (1), create2 (15) and createContainer (19). Flags are a <see cref="CreateMode"/> value, unchecked here.</summary>
public sealed record CreateRequest(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, int Flags)
    : ZkRequest, IJuteRecord<CreateRequest>
{
    public static CreateRequest Read(ref JuteReader reader) =>
        new(reader.ReadStringOrEmpty(), reader.ReadBuffer(), reader.ReadAclVector(), reader.ReadInt());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteAclVector(Acl);
        writer.WriteInt(Flags);
    }
}

/// <summary>Body of createTTL (21).</summary>
public sealed record CreateTTLRequest(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, int Flags, long Ttl)
    : ZkRequest, IJuteRecord<CreateTTLRequest>
{
    public static CreateTTLRequest Read(ref JuteReader reader) =>
        new(reader.ReadStringOrEmpty(), reader.ReadBuffer(), reader.ReadAclVector(), reader.ReadInt(), reader.ReadLong());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteAclVector(Acl);
        writer.WriteInt(Flags);
        writer.WriteLong(Ttl);
    }
}

/// <summary>Reply to create (1): the final path, including any sequence suffix.</summary>
public sealed record CreateResponse(string Path) : ZkResponse, IJuteRecord<CreateResponse>
{
    public static CreateResponse Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty());

    public override void Write(ref JuteWriter writer) => writer.WriteString(Path);
}

/// <summary>Reply to create2 (15), createContainer (19) and createTTL (21).</summary>
public sealed record Create2Response(string Path, Stat Stat) : ZkResponse, IJuteRecord<Create2Response>
{
    public static Create2Response Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), reader.ReadStat());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteStat(Stat);
    }
}
