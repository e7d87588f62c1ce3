using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Client.Api;

/// <summary>Chooses the create opcode and record for a mode, as both single creates and transactions need.</summary>
internal static class CreateRequests
{
    public static MultiOp Build(string serverPath, byte[]? data, CreateMode mode, IReadOnlyList<Acl>? acl, TimeSpan? ttl)
    {
        acl ??= Acls.OpenAclUnsafe;
        if (mode.IsTtl())
        {
            if (ttl is not { } time || time <= TimeSpan.Zero)
                throw new ArgumentException($"Mode {mode} needs a positive ttl.", nameof(ttl));
            return new MultiOp(OpCode.CreateTtl, new CreateTTLRequest(serverPath, data, acl, (int)mode, (long)time.TotalMilliseconds));
        }

        if (ttl is not null)
            throw new ArgumentException($"A ttl needs mode {CreateMode.PersistentWithTtl} or {CreateMode.PersistentSequentialWithTtl}, not {mode}.", nameof(ttl));
        var type = mode.IsContainer() ? OpCode.CreateContainer : OpCode.Create2;
        return new MultiOp(type, new CreateRequest(serverPath, data, acl, (int)mode));
    }
}
