using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Actors.Auth;

/// <summary>
/// The identities one connection has accumulated (wire doc 10.3): always <c>ip:&lt;remote address&gt;</c>,
/// plus one digest identity per digest auth packet, plus <c>super</c> when a digest matched the
/// configured super digest. Identities belong to the connection, not the session.
/// </summary>
public sealed class ConnectionIdentities(string remoteAddress, string? superDigest = null, bool digestEnabled = true)
{
    private readonly List<Id> _ids = [new Id(AuthSchemes.Ip, remoteAddress)];

    public IReadOnlyList<Id> Ids => _ids;

    public bool IsSuper => _ids.Any(id => id.Scheme == AuthSchemes.Super);

    /// <summary>Handles an auth packet: Ok, or AuthFailed for an unknown or disabled scheme (then the server closes the connection).</summary>
    public ErrorCode Authenticate(AuthPacket packet)
    {
        switch (packet.Scheme)
        {
            case AuthSchemes.Digest when digestEnabled:
                foreach (var id in DigestAuth.Authenticate(packet.Auth ?? [], superDigest))
                {
                    if (!_ids.Contains(id))
                    {
                        _ids.Add(id);
                    }
                }
                return ErrorCode.Ok;
            case AuthSchemes.Ip:
                return ErrorCode.Ok;
            default:
                return ErrorCode.AuthFailed;
        }
    }

    /// <summary>whoAmI: one entry per identity; digest users are shown without their hash.</summary>
    public IReadOnlyList<ClientInfo> WhoAmI() => WhoAmI(_ids);

    /// <inheritdoc cref="WhoAmI()"/>
    public static IReadOnlyList<ClientInfo> WhoAmI(IReadOnlyList<Id> ids) =>
        ids.Select(id => new ClientInfo(id.Scheme, id.Scheme == AuthSchemes.Digest ? id.Ident.Split(':', 2)[0] : id.Ident)).ToList();
}
