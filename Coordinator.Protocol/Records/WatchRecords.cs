using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Records;

/// <summary>The body of a notification frame (xid -1). Type and State are kept as enums; unknown values pass through.</summary>
public sealed record WatcherEvent(EventType Type, KeeperState State, string Path) : ZkResponse, IJuteRecord<WatcherEvent>
{
    public static WatcherEvent Read(ref JuteReader reader) =>
        new((EventType)reader.ReadInt(), (KeeperState)reader.ReadInt(), reader.ReadStringOrEmpty());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteInt((int)State);
        writer.WriteString(Path);
    }
}

/// <summary>Body of setWatches (101): re-registers one-time watches after a reconnect.</summary>
public sealed record SetWatches(
    long RelativeZxid,
    IReadOnlyList<string> DataWatches,
    IReadOnlyList<string> ExistWatches,
    IReadOnlyList<string> ChildWatches) : ZkRequest, IJuteRecord<SetWatches>
{
    public static SetWatches Read(ref JuteReader reader) =>
        new(reader.ReadLong(), reader.ReadStringVector(), reader.ReadStringVector(), reader.ReadStringVector());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteLong(RelativeZxid);
        writer.WriteStringVector(DataWatches);
        writer.WriteStringVector(ExistWatches);
        writer.WriteStringVector(ChildWatches);
    }
}

/// <summary>Body of setWatches2 (105): as <see cref="SetWatches"/> plus the persistent watches.</summary>
public sealed record SetWatches2(
    long RelativeZxid,
    IReadOnlyList<string> DataWatches,
    IReadOnlyList<string> ExistWatches,
    IReadOnlyList<string> ChildWatches,
    IReadOnlyList<string> PersistentWatches,
    IReadOnlyList<string> PersistentRecursiveWatches) : ZkRequest, IJuteRecord<SetWatches2>
{
    public static SetWatches2 Read(ref JuteReader reader) =>
        new(
            reader.ReadLong(),
            reader.ReadStringVector(),
            reader.ReadStringVector(),
            reader.ReadStringVector(),
            reader.ReadStringVector(),
            reader.ReadStringVector());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteLong(RelativeZxid);
        writer.WriteStringVector(DataWatches);
        writer.WriteStringVector(ExistWatches);
        writer.WriteStringVector(ChildWatches);
        writer.WriteStringVector(PersistentWatches);
        writer.WriteStringVector(PersistentRecursiveWatches);
    }
}

/// <summary>Body of addWatch (106). Mode is an <see cref="AddWatchMode"/>; the request decoder rejects others.</summary>
public sealed record AddWatchRequest(string Path, AddWatchMode Mode) : ZkRequest, IJuteRecord<AddWatchRequest>
{
    public static AddWatchRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), (AddWatchMode)reader.ReadInt());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt((int)Mode);
    }
}

/// <summary>Body of checkWatches (17).</summary>
public sealed record CheckWatchesRequest(string Path, WatcherType Type) : ZkRequest, IJuteRecord<CheckWatchesRequest>
{
    public static CheckWatchesRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), (WatcherType)reader.ReadInt());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt((int)Type);
    }
}

/// <summary>Body of removeWatches (18).</summary>
public sealed record RemoveWatchesRequest(string Path, WatcherType Type) : ZkRequest, IJuteRecord<RemoveWatchesRequest>
{
    public static RemoveWatchesRequest Read(ref JuteReader reader) => new(reader.ReadStringOrEmpty(), (WatcherType)reader.ReadInt());

    public override void Write(ref JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt((int)Type);
    }
}
