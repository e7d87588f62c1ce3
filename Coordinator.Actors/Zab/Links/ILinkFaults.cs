using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Links;

/// <summary>
/// Fault injection on the real socket path, consulted by a <see cref="PeerNetwork"/> for every outgoing message
/// and whenever it checks its links. Implementations must be thread-safe: several networks may share one.
/// </summary>
public interface ILinkFaults
{
    /// <summary>What happens to <paramref name="message"/> on its way from <paramref name="from"/> to <paramref name="to"/>.</summary>
    LinkFault OnSend(long from, long to, PeerChannel channel, PeerMessage message);

    /// <summary>True while the links between <paramref name="a"/> and <paramref name="b"/> must stay cut.</summary>
    bool IsPartitioned(long a, long b);
}

public enum LinkFaultKind
{
    None,

    /// <summary>On a FIFO link a lost message means a broken connection: the link is cut and the loss reported.</summary>
    Drop,

    /// <summary>Hold this message and everything after it on the link for <see cref="LinkFault.Delay"/>, keeping their order.</summary>
    Delay,

    /// <summary>Send the message twice.</summary>
    Duplicate,

    /// <summary>Send the next message on the same link first.</summary>
    Reorder,
}

public readonly record struct LinkFault(LinkFaultKind Kind, TimeSpan Delay = default)
{
    public static LinkFault None => default;
    public static LinkFault Drop => new(LinkFaultKind.Drop);
    public static LinkFault Duplicate => new(LinkFaultKind.Duplicate);
    public static LinkFault Reorder => new(LinkFaultKind.Reorder);
    public static LinkFault DelayBy(TimeSpan delay) => new(LinkFaultKind.Delay, delay);
}

/// <summary>The production policy: no faults.</summary>
public sealed class NoLinkFaults : ILinkFaults
{
    public static readonly NoLinkFaults Instance = new();

    public LinkFault OnSend(long from, long to, PeerChannel channel, PeerMessage message) => LinkFault.None;

    public bool IsPartitioned(long a, long b) => false;
}
