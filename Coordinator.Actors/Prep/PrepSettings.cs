using Coordinator.Protocol;

namespace Coordinator.Actors.Prep;

/// <summary>
/// Server settings that change what prep accepts.
/// <paramref name="TtlEnabled"/>: zookeeper.extendedTypesEnabled (TTL creates answer Unimplemented without it).
/// <paramref name="MaxDataBytes"/>: largest znode data accepted by create/setData (BadArguments above it).
/// </summary>
public sealed record PrepSettings(bool TtlEnabled = false, int MaxDataBytes = 1024 * 1024);

/// <summary>
/// Who sends a request: session, the connection's identities (ip, digest, super), and whether the
/// session is already closing (then every write answers SessionExpired).
/// </summary>
public sealed record PrepCaller(long SessionId, IReadOnlyList<Id> Identities, bool SessionClosing = false);
