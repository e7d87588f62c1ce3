using System.Buffers;
using Coordinator.Actors.Txns;

namespace Coordinator.Actors.Tree;

public sealed partial class DataTree
{
    /// <summary>
    /// A stable 64-bit FNV-1a hash over the canonical content of every znode in ordinal path order
    /// (path, data, ACL, every stored Stat field including the child-create counter and the raw owner).
    /// Equal trees give equal digests on every member and across restarts; sessions are not included.
    /// </summary>
    public ulong Digest()
    {
        var hash = Fnv1a64.Start;
        var scratch = new ArrayBufferWriter<byte>(256);
        foreach (var path in _nodes.Keys.Order(StringComparer.Ordinal))
        {
            scratch.ResetWrittenCount();
            WriteCanonical(new FieldWriter(scratch), path, _nodes[path]);
            hash = Fnv1a64.Append(hash, scratch.WrittenSpan);
        }
        return hash;
    }

    /// <summary>The digest of one znode's canonical content, or null when it does not exist.</summary>
    public ulong? NodeDigest(string path)
    {
        if (!_nodes.TryGetValue(path, out var node))
        {
            return null;
        }
        var scratch = new ArrayBufferWriter<byte>(256);
        WriteCanonical(new FieldWriter(scratch), path, node);
        return Fnv1a64.Append(Fnv1a64.Start, scratch.WrittenSpan);
    }

    /// <summary>One znode as the snapshot and the digest see it.</summary>
    internal static void WriteCanonical(FieldWriter writer, string path, ZNode node) => WriteCanonical(writer, new ZNodeImage(path, node));

    internal static void WriteCanonical(FieldWriter writer, in ZNodeImage node)
    {
        writer.String(node.Path);
        writer.Buffer(node.Data);
        writer.Acls(node.Acl);
        writer.Long(node.Czxid);
        writer.Long(node.Mzxid);
        writer.Long(node.Ctime);
        writer.Long(node.Mtime);
        writer.Int(node.Version);
        writer.Int(node.ChildCreates);
        writer.Int(node.Aversion);
        writer.Long(node.EphemeralOwner);
        writer.Long(node.Pzxid);
    }

    /// <summary>Copies what a snapshot needs in one pass over the nodes (see <see cref="DataTreeImage"/>).</summary>
    public DataTreeImage Capture()
    {
        var nodes = new ZNodeImage[_nodes.Count];
        var i = 0;
        foreach (var (path, node) in _nodes)
        {
            nodes[i++] = new ZNodeImage(path, node);
        }
        return new DataTreeImage(LastZxid, [.. _sessions], nodes, ApproximateDataSize);
    }

    private static class Fnv1a64
    {
        public const ulong Start = 14695981039346656037UL;
        private const ulong Prime = 1099511628211UL;

        public static ulong Append(ulong hash, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                hash = unchecked((hash ^ b) * Prime);
            }
            return hash;
        }
    }
}
