using Coordinator.Client.Session;
using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Coordinator.Runtime.Actors;

namespace Coordinator.Client.Proxy;

/// <summary>
/// The messages <see cref="ClientProxyActor"/> understands and answers. Every command is answered to its
/// sender with the past-tense record on success or the matching <c>...Failed</c> record (carrying the
/// <see cref="Api.KeeperException"/>) on failure.
/// </summary>
public static class ClientProxyProtocol
{
    public interface IClientProxyMessage;

    /// <summary>A failure answer; <see cref="Reason"/> is usually a typed <see cref="Api.KeeperException"/>.</summary>
    public interface IFailed : IClientProxyMessage
    {
        string Path { get; }

        Exception Reason { get; }
    }

    public sealed record Create(string Path, byte[]? Data = null, CreateMode Mode = CreateMode.Persistent) : IClientProxyMessage;

    public sealed record Created(string Path, Stat Stat) : IClientProxyMessage;

    public sealed record CreateFailed(string Path, Exception Reason) : IFailed;

    /// <summary>Reads a node; with <paramref name="Watch"/> its next change is sent to the subscribers.</summary>
    public sealed record GetData(string Path, bool Watch = false) : IClientProxyMessage;

    public sealed record DataResult(string Path, byte[]? Data, Stat Stat) : IClientProxyMessage;

    public sealed record GetDataFailed(string Path, Exception Reason) : IFailed;

    public sealed record SetData(string Path, byte[]? Data, int Version = -1) : IClientProxyMessage;

    public sealed record DataSet(string Path, Stat Stat) : IClientProxyMessage;

    public sealed record SetDataFailed(string Path, Exception Reason) : IFailed;

    public sealed record Delete(string Path, int Version = -1) : IClientProxyMessage;

    public sealed record Deleted(string Path) : IClientProxyMessage;

    public sealed record DeleteFailed(string Path, Exception Reason) : IFailed;

    /// <summary>Lists children; with <paramref name="Watch"/> the next child-list change is sent to the subscribers.</summary>
    public sealed record GetChildren(string Path, bool Watch = false) : IClientProxyMessage;

    public sealed record ChildrenResult(string Path, IReadOnlyList<string> Children, Stat Stat) : IClientProxyMessage;

    public sealed record GetChildrenFailed(string Path, Exception Reason) : IFailed;

    /// <summary>Asks for the session's identity and state.</summary>
    public sealed record GetSession : IClientProxyMessage;

    public sealed record SessionResult(long SessionId, byte[] Password, ConnectionState State) : IClientProxyMessage;

    /// <summary>Sets a persistent watch; every event it fires goes to the subscribers.</summary>
    public sealed record Watch(string Path, AddWatchMode Mode = AddWatchMode.Persistent) : IClientProxyMessage;

    public sealed record Watching(string Path, AddWatchMode Mode) : IClientProxyMessage;

    public sealed record WatchFailed(string Path, Exception Reason) : IFailed;

    /// <summary>
    /// From now on <paramref name="Subscriber"/> receives every <see cref="WatchEventReceived"/> and
    /// <see cref="SessionStateChanged"/>, starting with the current state once the session is connected.
    /// </summary>
    public sealed record Subscribe(IActorRef Subscriber) : IClientProxyMessage;

    public sealed record Subscribed(IActorRef Subscriber) : IClientProxyMessage;

    public sealed record Unsubscribe(IActorRef Subscriber) : IClientProxyMessage;

    public sealed record WatchEventReceived(WatchedEvent Event) : IClientProxyMessage;

    public sealed record SessionStateChanged(ConnectionState State) : IClientProxyMessage;

    /// <summary>The proxy could not open its session; it sends this to its subscribers and stops.</summary>
    public sealed record ConnectFailed(Exception Reason) : IClientProxyMessage;
}
