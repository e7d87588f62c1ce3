using System.Buffers;
using Coordinator.Protocol;

namespace Coordinator.Actors.Txns;

/// <summary>
/// Deterministic binary form of a logged txn (journal rows, proposals). Layout, all big-endian:
/// <code>
/// u8  format version (1)
/// i64 sessionId, i32 cxid, i64 zxid, i64 timeMs       -- the header
/// u8  body tag (TxnTag), then the body:
///   Create          string path, buffer data, acls, i64 ephemeralOwner, i32 parentChildCreates
///   Delete          string path
///   SetData         string path, buffer data, i32 newVersion
///   SetAcl          string path, acls, i32 newAversion
///   CheckVersion    string path, i32 version
///   Error           i32 error code
///   Multi           i32 count, then per op: u8 tag + body (no nested Multi)
///   CreateSession   i32 timeoutMs, buffer password (never null)
///   CloseSession    i64 sessionId, i32 count, strings
///   DeleteContainer string path
/// string = i32 UTF-8 byte count + bytes; buffer = i32 length (-1 = null) + bytes;
/// acls = i32 count, per entry i32 perms, string scheme, string id.
/// </code>
/// The whole input must be consumed; anything else is a <see cref="CorruptRecordException"/>.
/// </summary>
public static class TxnCodec
{
    public const byte FormatVersion = 1;

    private enum TxnTag : byte
    {
        Create = 1,
        Delete = 2,
        SetData = 3,
        SetAcl = 4,
        CheckVersion = 5,
        Error = 6,
        Multi = 7,
        CreateSession = 8,
        CloseSession = 9,
        DeleteContainer = 10,
    }

    public static byte[] Encode(TxnHeader header, Txn txn)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Encode(header, txn, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Encode(TxnHeader header, Txn txn, IBufferWriter<byte> output)
    {
        var writer = new FieldWriter(output);
        writer.Byte(FormatVersion);
        writer.Long(header.SessionId);
        writer.Int(header.Cxid);
        writer.Long(header.Zxid);
        writer.Long(header.TimeMs);
        WriteBody(writer, txn, nested: false);
    }

    /// <summary>Offset of the body tag: after the version byte and the header.</summary>
    private const int BodyTagOffset = 1 + 8 + 4 + 8 + 8;

    /// <summary>
    /// The ZooKeeper opcode an encoded txn corresponds to, read from its body tag without decoding it. Journal rows
    /// carry it for people reading the journal.
    /// </summary>
    public static OpCode OpCodeOf(ReadOnlySpan<byte> encoded) =>
        encoded.Length <= BodyTagOffset ? OpCode.Error : (TxnTag)encoded[BodyTagOffset] switch
        {
            TxnTag.Create => OpCode.Create,
            TxnTag.Delete => OpCode.Delete,
            TxnTag.SetData => OpCode.SetData,
            TxnTag.SetAcl => OpCode.SetAcl,
            TxnTag.CheckVersion => OpCode.Check,
            TxnTag.Multi => OpCode.Multi,
            TxnTag.CreateSession => OpCode.CreateSession,
            TxnTag.CloseSession => OpCode.CloseSession,
            TxnTag.DeleteContainer => OpCode.DeleteContainer,
            _ => OpCode.Error,
        };

    public static (TxnHeader Header, Txn Txn) Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new FieldReader(bytes);
        var version = reader.Byte();
        if (version != FormatVersion)
        {
            throw new CorruptRecordException($"unknown txn format version {version}");
        }
        var header = new TxnHeader(reader.Long(), reader.Int(), reader.Long(), reader.Long());
        var txn = ReadBody(ref reader, nested: false);
        reader.ExpectEnd("txn");
        return (header, txn);
    }

    private static void WriteBody(FieldWriter writer, Txn txn, bool nested)
    {
        switch (txn)
        {
            case CreateTxn create:
                writer.Byte((byte)TxnTag.Create);
                writer.String(create.Path);
                writer.Buffer(create.Data);
                writer.Acls(create.Acl);
                writer.Long(create.EphemeralOwner);
                writer.Int(create.ParentChildCreates);
                break;
            case DeleteTxn delete:
                writer.Byte((byte)TxnTag.Delete);
                writer.String(delete.Path);
                break;
            case SetDataTxn setData:
                writer.Byte((byte)TxnTag.SetData);
                writer.String(setData.Path);
                writer.Buffer(setData.Data);
                writer.Int(setData.NewVersion);
                break;
            case SetAclTxn setAcl:
                writer.Byte((byte)TxnTag.SetAcl);
                writer.String(setAcl.Path);
                writer.Acls(setAcl.Acl);
                writer.Int(setAcl.NewAversion);
                break;
            case CheckVersionTxn check:
                writer.Byte((byte)TxnTag.CheckVersion);
                writer.String(check.Path);
                writer.Int(check.Version);
                break;
            case ErrorTxn error:
                writer.Byte((byte)TxnTag.Error);
                writer.Int((int)error.Error);
                break;
            case MultiTxn multi when !nested:
                writer.Byte((byte)TxnTag.Multi);
                writer.Int(multi.Ops.Count);
                foreach (var op in multi.Ops)
                {
                    WriteBody(writer, op, nested: true);
                }
                break;
            case CreateSessionTxn createSession:
                writer.Byte((byte)TxnTag.CreateSession);
                writer.Int(createSession.TimeoutMs);
                writer.Buffer(createSession.Password);
                break;
            case CloseSessionTxn closeSession:
                writer.Byte((byte)TxnTag.CloseSession);
                writer.Long(closeSession.SessionId);
                writer.Int(closeSession.EphemeralPaths.Count);
                foreach (var path in closeSession.EphemeralPaths)
                {
                    writer.String(path);
                }
                break;
            case DeleteContainerTxn deleteContainer:
                writer.Byte((byte)TxnTag.DeleteContainer);
                writer.String(deleteContainer.Path);
                break;
            default:
                throw new ArgumentException($"{txn.GetType().Name} cannot be encoded{(nested ? " inside a multi" : "")}", nameof(txn));
        }
    }

    private static Txn ReadBody(ref FieldReader reader, bool nested)
    {
        var tag = (TxnTag)reader.Byte();
        switch (tag)
        {
            case TxnTag.Create:
                return new CreateTxn(reader.String(), reader.Buffer(), reader.Acls(), reader.Long(), reader.Int());
            case TxnTag.Delete:
                return new DeleteTxn(reader.String());
            case TxnTag.SetData:
                return new SetDataTxn(reader.String(), reader.Buffer(), reader.Int());
            case TxnTag.SetAcl:
                return new SetAclTxn(reader.String(), reader.Acls(), reader.Int());
            case TxnTag.CheckVersion:
                return new CheckVersionTxn(reader.String(), reader.Int());
            case TxnTag.Error:
                return new ErrorTxn((ErrorCode)reader.Int());
            case TxnTag.Multi when !nested:
                var ops = new Txn[reader.Count(minimumItemBytes: 1)];
                for (var i = 0; i < ops.Length; i++)
                {
                    ops[i] = ReadBody(ref reader, nested: true);
                }
                return new MultiTxn(ops);
            case TxnTag.CreateSession:
                var timeout = reader.Int();
                var password = reader.Buffer() ?? throw new CorruptRecordException("null session password");
                return new CreateSessionTxn(timeout, password);
            case TxnTag.CloseSession:
                var sessionId = reader.Long();
                var paths = new string[reader.Count(minimumItemBytes: 4)];
                for (var i = 0; i < paths.Length; i++)
                {
                    paths[i] = reader.String();
                }
                return new CloseSessionTxn(sessionId, paths);
            case TxnTag.DeleteContainer:
                return new DeleteContainerTxn(reader.String());
            default:
                throw new CorruptRecordException($"unknown txn tag {(byte)tag}{(nested ? " inside a multi" : "")}");
        }
    }
}
