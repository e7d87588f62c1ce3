namespace Coordinator.Protocol.Jute;

// Codecs for the org.apache.zookeeper.data records (Id, ACL, Stat), which are shared by many bodies.
public ref partial struct JuteReader
{
    public Id ReadId() => new(ReadStringOrEmpty(), ReadStringOrEmpty());

    public Acl ReadAcl()
    {
        var perms = (Perms)ReadInt();
        return new Acl(perms, ReadId());
    }

    /// <summary>A vector of ACL entries; a null vector reads as empty (the server rejects both alike).</summary>
    public IReadOnlyList<Acl> ReadAclVector()
    {
        // An ACL is at least perms + two string lengths.
        var count = ReadVectorCount(minElementSize: 12);
        if (count <= 0)
        {
            return [];
        }

        var acls = new Acl[count];
        for (var i = 0; i < count; i++)
        {
            acls[i] = ReadAcl();
        }

        return acls;
    }

    public Stat ReadStat() => new(
        Czxid: ReadLong(),
        Mzxid: ReadLong(),
        Ctime: ReadLong(),
        Mtime: ReadLong(),
        Version: ReadInt(),
        Cversion: ReadInt(),
        Aversion: ReadInt(),
        EphemeralOwner: ReadLong(),
        DataLength: ReadInt(),
        NumChildren: ReadInt(),
        Pzxid: ReadLong());
}

public ref partial struct JuteWriter
{
    public void WriteId(Id id)
    {
        WriteString(id.Scheme);
        WriteString(id.Ident);
    }

    public void WriteAcl(Acl acl)
    {
        WriteInt((int)acl.Perms);
        WriteId(acl.Id);
    }

    public void WriteAclVector(IReadOnlyList<Acl> acls)
    {
        WriteInt(acls.Count);
        foreach (var acl in acls)
        {
            WriteAcl(acl);
        }
    }

    public void WriteStat(in Stat stat)
    {
        WriteLong(stat.Czxid);
        WriteLong(stat.Mzxid);
        WriteLong(stat.Ctime);
        WriteLong(stat.Mtime);
        WriteInt(stat.Version);
        WriteInt(stat.Cversion);
        WriteInt(stat.Aversion);
        WriteLong(stat.EphemeralOwner);
        WriteInt(stat.DataLength);
        WriteInt(stat.NumChildren);
        WriteLong(stat.Pzxid);
    }
}
