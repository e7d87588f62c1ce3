using System.Buffers;
using Coordinator.Actors.Txns;

namespace Coordinator.Actors.Tree;

/// <summary>
/// Binary snapshot of a <see cref="DataTree"/>. Layout, all big-endian (field encodings as in
/// <see cref="TxnCodec"/>):
/// <code>
/// u8  format version (1)
/// i64 last applied zxid
/// i32 session count, per session: i64 id, i32 timeoutMs, buffer password
/// i32 node count, per node in ordinal path order:
///     string path, buffer data, acls, i64 czxid, i64 mzxid, i64 ctime, i64 mtime,
///     i32 version, i32 childCreates, i32 aversion, i64 raw ephemeralOwner, i64 pzxid
/// </code>
/// Children, the ephemeral index and the container/TTL sets are rebuilt from the nodes on read.
/// </summary>
public static class DataTreeSnapshot
{
    public const byte FormatVersion = 1;

    public static byte[] Write(DataTree tree) => Serialize(tree.Capture()).ToArray();

    /// <summary>Serializes a captured tree; touches nothing but the image, so any thread may run it.</summary>
    public static void Write(DataTreeImage image, IBufferWriter<byte> output)
    {
        var writer = new FieldWriter(output);
        writer.Byte(FormatVersion);
        writer.Long(image.LastZxid);
        var sessions = image.Sessions;
        Array.Sort(sessions, static (a, b) => a.Key.CompareTo(b.Key));
        writer.Int(sessions.Length);
        foreach (var (id, session) in sessions)
        {
            writer.Long(id);
            writer.Int(session.TimeoutMs);
            writer.Buffer(session.Password);
        }
        var nodes = image.Nodes;
        Array.Sort(nodes, static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        writer.Int(nodes.Length);
        foreach (ref readonly var node in nodes.AsSpan())
        {
            DataTree.WriteCanonical(writer, node);
        }
    }

    /// <summary>
    /// Serializes a captured tree into a buffer sized up front, so a large tree is written without
    /// regrowing and handed on without another tree-sized copy.
    /// </summary>
    public static ReadOnlyMemory<byte> Serialize(DataTreeImage image)
    {
        var buffer = new ArrayBufferWriter<byte>(EstimatedSize(image));
        Write(image, buffer);
        return buffer.WrittenMemory;
    }

    // Paths and data are counted exactly; the rest of a node (lengths, Stat fields, one ACL) is close to 80 bytes.
    private static int EstimatedSize(DataTreeImage image) =>
        (int)Math.Min(Array.MaxLength, 64 + (image.Sessions.Length * 40L) + image.ApproximateDataSize + (image.NodeCount * 80L));

    /// <summary>Reads a snapshot; throws <see cref="CorruptRecordException"/> on any inconsistency.</summary>
    public static DataTree Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new FieldReader(bytes);
        var version = reader.Byte();
        if (version != FormatVersion)
        {
            throw new CorruptRecordException($"unknown snapshot format version {version}");
        }
        var lastZxid = reader.Long();
        var sessions = new Dictionary<long, SessionRecord>();
        var sessionCount = reader.Count(minimumItemBytes: 16);
        for (var i = 0; i < sessionCount; i++)
        {
            var id = reader.Long();
            var timeout = reader.Int();
            var password = reader.Buffer() ?? throw new CorruptRecordException("null session password");
            if (!sessions.TryAdd(id, new SessionRecord(timeout, password)))
            {
                throw new CorruptRecordException($"session 0x{id:x} appears twice");
            }
        }
        var nodeCount = reader.Count(minimumItemBytes: 60);
        var nodes = new List<(string Path, ZNode Node)>(nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            var path = reader.String();
            var data = reader.Buffer();
            var acl = reader.Acls();
            var (czxid, mzxid, ctime, mtime) = (reader.Long(), reader.Long(), reader.Long(), reader.Long());
            var (dataVersion, childCreates, aversion) = (reader.Int(), reader.Int(), reader.Int());
            var node = new ZNode(data, acl, ephemeralOwner: reader.Long())
            {
                Czxid = czxid,
                Mzxid = mzxid,
                Ctime = ctime,
                Mtime = mtime,
                Version = dataVersion,
                ChildCreates = childCreates,
                Aversion = aversion,
                Pzxid = reader.Long(),
            };
            nodes.Add((path, node));
        }
        reader.ExpectEnd("snapshot");
        return DataTree.FromSnapshot(lastZxid, sessions, nodes);
    }
}
