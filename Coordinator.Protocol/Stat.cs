namespace Coordinator.Protocol;

/// <summary>The znode Stat record, field order as on the wire (68 bytes).</summary>
public readonly record struct Stat(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    int DataLength,
    int NumChildren,
    long Pzxid)
{
    public const int WireSize = 68;
}
