using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>Body of getACL (6).</summary>
public sealed record GetACLRequest(string Path) : ZkRequest, IJuteRecord<GetACLRequest>
{
    public static GetACLRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty());

    public override void Write(ref JuteWriter writer) => writer.WriteString(Path);
}

/// <summary>Reply to getACL (6).</summary>
public sealed record GetACLResponse(IReadOnlyList<Acl> Acl, Stat Stat) : ZkResponse, IJuteRecord<GetACLResponse>
{
    public static GetACLResponse Read(ref JuteReader reader) => new(reader.ReadAclVector(), reader.ReadStat());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteAclVector(Acl);
        writer.WriteStat(Stat);
    }
}

/// <summary>Body of setACL (7). Version is checked against the node's aversion; -1 means any.</summary>
public sealed record SetACLRequest(string Path, IReadOnlyList<Acl> Acl, int Version) : ZkRequest, IJuteRecord<SetACLRequest>
{
    public static SetACLRequest Read(ref JuteReader reader) =>
        new(reader.ReadStringOrEmpty(), reader.ReadAclVector(), reader.ReadInt());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteAclVector(Acl);
        writer.WriteInt(Version);
    }
}

/// <summary>Reply to setACL (7).</summary>
public sealed record SetACLResponse(Stat Stat) : ZkResponse, IJuteRecord<SetACLResponse>
{
    public static SetACLResponse Read(ref JuteReader reader) => new(reader.ReadStat());

    public override void Write(ref JuteWriter writer) => writer.WriteStat(Stat);
}
